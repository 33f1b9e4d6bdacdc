// i18n.test.mjs: the desktop window's catalogs (po/*.po, English msgids)
// say what the web pages say (html/i18n.js) for the terms both show: card
// titles, health statuses, the alert texts, the trend title. A renamed
// card on one side fails here, so the two cannot drift. Placeholders are
// compared by position ({used} in i18n.js, %s in the .po).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../cli/sampler.mjs';

const { DICT } = await import(path.join(ROOT, 'html/i18n.js'));

// i18n.js key -> the desktop's msgid
const SHARED = {
  card_health: 'System health',
  card_cpu: 'CPU',
  card_ram: 'Memory',
  card_disk: 'Disk',
  card_uptime: 'Uptime',
  status_ok: 'Good',
  status_warn: 'Needs attention',
  status_critical: 'Critical',
  badge_waiting: 'Waiting for the first measurements…',
  badge_ok: 'All clear: no threshold exceeded',
  badge_alert: 'Alert: %s',
  alert_item: '%s at %s (threshold %s)',
  flag_over_thr: 'Alert threshold reached (%s)',
  gib_pair: '%s / %s GiB',
  chart_live_title: 'CPU and memory trend',
};

// msgfmt's own reader turns a .po into msgid -> msgstr (escapes resolved).
function readPo(lang) {
  const file = path.join(ROOT, 'po', `${lang}.po`);
  const r = spawnSync('msgcat', ['--no-wrap', '--no-location', file], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const out = {};
  const re = /^msgid "((?:[^"\\]|\\.)*)"\nmsgstr "((?:[^"\\]|\\.)*)"$/gm;
  for (const m of r.stdout.matchAll(re)) out[JSON.parse(`"${m[1]}"`)] = JSON.parse(`"${m[2]}"`);
  return out;
}

const web = (s) => s.replace(/\{[a-z]+\}/g, '%s');

test('every language has a catalog with all the desktop texts', () => {
  const fr = readPo('fr');
  for (const lang of ['es', 'ru']) {
    const po = readPo(lang);
    assert.deepEqual(Object.keys(po).sort(), Object.keys(fr).sort(), `${lang}.po and fr.po`);
    for (const [id, str] of Object.entries(po)) {
      if (id) assert.notEqual(str, '', `${lang}: "${id}" untranslated`);
    }
  }
  assert.deepEqual(fs.readFileSync(path.join(ROOT, 'po/LINGUAS'), 'utf8').split(/\s+/).filter(Boolean),
    ['fr', 'es', 'ru']);
});

for (const lang of ['fr', 'en', 'es', 'ru']) {
  test(`shared terms say the same on the web and the desktop: ${lang}`, () => {
    const po = lang === 'en' ? null : readPo(lang);
    for (const [key, msgid] of Object.entries(SHARED)) {
      assert.ok(DICT[lang][key], `html/i18n.js has no ${lang}.${key}`);
      const desk = po ? po[msgid] : msgid;
      assert.ok(desk, `po/${lang}.po lacks "${msgid}"`);
      assert.equal(desk, web(DICT[lang][key]), `${lang}: ${key}`);
    }
  });
}

test('the msgids the desktop uses exist in its sources', () => {
  const src = (fs.readFileSync(path.join(ROOT, 'lib/view.c'), 'utf8') +
    fs.readFileSync(path.join(ROOT, 'desktop/window.c'), 'utf8') +
    // the Win32 window (issue 15) shares the catalogs: its Actions menu
    fs.readFileSync(path.join(ROOT, 'win/desktop.c'), 'utf8'))
    // "a long " "msgid" over two lines is one string to C (and xgettext)
    .replace(/"\s*\n\s*"/g, '');
  for (const id of Object.keys(readPo('fr')).filter(Boolean)) {
    assert.ok(src.includes(JSON.stringify(id).slice(1, -1)), `"${id}" is not used any more`);
  }
});
