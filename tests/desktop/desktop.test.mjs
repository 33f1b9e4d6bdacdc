// desktop.test.mjs: build/sysdash-desktop for real under xvfb-run (Xvfb)
// and dbus-run-session (the accessibility bus a desktop session has), on a
// fixture /proc tree rewritten in place as /proc is: the window and its
// title (xdotool), CSV rows at the interval, an alert shown in words, an
// unwritable export that is reported while sampling goes on, a clean close
// with no GTK warnings; screenshots in test-output/. Flags without a display.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, BIN_DIR, CSV_HEADER, ROW_RE, env, tmpDir, procTree, cleanup, run, pollUntil, sleep,
} from '../cli/sampler.mjs';

const BIN = path.join(BIN_DIR, 'sysdash-desktop');
const OUT = path.join(ROOT, 'test-output');
const INTERVAL = 0.5;

after(cleanup);

// GLib's own complaints: "(prog:123): Gtk-WARNING **: ..." and the like.
const GTK_NOISE = /-(WARNING|CRITICAL) \*\*|Gtk-Message|g_log/;

function readState(file) {
  if (!fs.existsSync(file)) return null;
  const s = {};
  for (const l of fs.readFileSync(file, 'utf8').split('\n')) {
    const i = l.indexOf('=');
    if (i > 0) s[l.slice(0, i)] = l.slice(i + 1);
  }
  return s;
}

function csvRows(file) {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
}

// Starts the window on its own X server; resolves once it is up, with
// helpers. DISPLAY and XAUTHORITY come back through a file for xdotool.
async function startWindow(over = {}) {
  const dir = tmpDir('desk');
  const proc = procTree('real');
  const desk = path.join(dir, 'Desktop');
  const cfg = path.join(dir, 'config');
  fs.mkdirSync(desk);
  fs.mkdirSync(cfg);
  if (over.ini) {
    fs.mkdirSync(path.join(cfg, 'sysdash'));
    fs.writeFileSync(path.join(cfg, 'sysdash', 'desktop.ini'), over.ini);
  }
  const state = path.join(dir, 'state');
  const shot = path.join(dir, 'shot.png');
  const info = path.join(dir, 'info');
  const e = env({
    SYSDASH_PROC_ROOT: proc,
    SYSDASH_DISK_PATH: dir,
    SYSDASH_CGROUP_ROOT: path.join(ROOT, 'tests/fixtures/cgroup-none/cgroup'),
    XDG_DESKTOP_DIR: desk,
    XDG_CONFIG_HOME: cfg,
    SYSDASH_LANG: over.lang ?? 'fr',
  });
  const script = 'printf "%s\\n%s\\n%s\\n" "$DISPLAY" "$XAUTHORITY" "$$" > "$0.tmp" && ' +
    'mv "$0.tmp" "$0" && exec "$@"';
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1024x768x24', 'dbus-run-session', '--',
    'sh', '-c', script, info, BIN, '--interval', String(INTERVAL), '--dump-state', state,
    '--snapshot', shot], { env: e, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  // xvfb-run is a script: its Xvfb, dbus and the window are killed with it
  // as a process group, or they would outlive a failed test and its pipes
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  child.stdout.resume();
  const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  await pollUntil(() => fs.existsSync(info), 20000, 'the X server');
  const [display, xauth, pid] = fs.readFileSync(info, 'utf8').split('\n');
  const xenv = { ...process.env, DISPLAY: display, XAUTHORITY: xauth };
  const xdotool = (...args) => spawnSync('xdotool', args, { env: xenv, encoding: 'utf8', timeout: 15000 });
  const w = {
    child, done, dir, proc, desk, state, shot, pid: Number(pid), xdotool,
    kill() {
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    },
    stderr: () => stderr,
    csv: path.join(desk, 'metrics_desktop.csv'),
    st: () => readState(state),
    async waitState(test, what, ms = 10000) {
      await pollUntil(() => { const s = readState(state); return s && test(s); }, ms, what);
      return readState(state);
    },
    async screenshot(name) {
      fs.mkdirSync(OUT, { recursive: true });
      fs.rmSync(shot, { force: true });
      process.kill(w.pid, 'SIGUSR1');
      // software GL renders the window slowly on a loaded 2-core machine
      await pollUntil(() => fs.existsSync(shot), 20000, 'the snapshot');
      fs.copyFileSync(shot, path.join(OUT, name));
      const png = fs.readFileSync(shot);
      assert.equal(png.subarray(1, 4).toString(), 'PNG');
      assert.ok(png.length > 5000, `${name} is ${png.length} bytes`);
    },
    async close() {
      const ids = xdotool('search', '--name', '^sysdash$').stdout.trim().split('\n');
      assert.equal(xdotool('windowfocus', '--sync', ids[0]).status, 0);
      assert.equal(xdotool('key', '--clearmodifiers', 'ctrl+q').status, 0);
      const t = setTimeout(() => w.kill(), 10000);
      const r = await done;
      clearTimeout(t);
      return r;
    },
  };
  return w;
}

// /proc/meminfo with MemAvailable at 5 % of MemTotal: RAM 95 %, an alert.
function ramAlert(proc) {
  const f = path.join(proc, 'meminfo');
  const text = fs.readFileSync(f, 'utf8');
  const total = Number(/^MemTotal:\s+(\d+)/m.exec(text)[1]);
  // written in place (same inode): the window keeps /proc files open
  fs.writeFileSync(f, text.replace(/^MemAvailable:\s+\d+/m,
    `MemAvailable:   ${Math.round(total * 0.05)}`));
}

test('French: title, rows at the interval, alert in words, export error, clean close', async () => {
  const w = await startWindow({ lang: 'fr' });
  try {
    const found = await (async () => {
      for (let i = 0; i < 50; i++) {
        const r = w.xdotool('search', '--name', '^sysdash$');
        if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
        await sleep(200);
      }
      return '';
    })();
    assert.ok(found, 'xdotool finds a window titled "sysdash"');
    assert.equal(w.xdotool('getwindowname', found.split('\n')[0]).stdout.trim(), 'sysdash');

    let s = await w.waitState((x) => Number(x.samples) >= 2, 'two samples');
    assert.equal(s.title, 'sysdash');
    assert.equal(s.level, 'ok');
    assert.equal(s.banner, 'Tout va bien : aucun seuil dépassé');
    assert.equal(s['cpu.title'], 'Processeur');
    assert.equal(s['ram.title'], 'Mémoire vive');
    assert.match(s['ram.value'], /^\d+,\d\u202f%$/);
    assert.match(s['ram.detail'], /^\d+,\d\d \/ 23,54 Gio$/);
    assert.equal(s['health.detail'], 'Bon');
    assert.match(s.status, /^Dernière mesure à \d\d:\d\d:\d\d$/);
    assert.equal(s['export.path'], w.csv);
    await w.screenshot('desktop-fr-normal.png');

    // rows at the interval: about one per 0.5 s, header once
    const n0 = csvRows(w.csv).length;
    const t0 = Date.now();
    await sleep(3000);
    const rows = csvRows(w.csv);
    const got = rows.length - n0;
    const want = (Date.now() - t0) / 1000 / INTERVAL;
    assert.ok(got >= want - 2 && got <= want + 1, `${got} rows in ${want} intervals`);
    assert.equal(rows[0], CSV_HEADER);
    assert.equal(rows.filter((r) => r === CSV_HEADER).length, 1);
    for (const r of rows.slice(1)) assert.match(r, ROW_RE);

    // the alert: colour class and words, on the card and the banner
    ramAlert(w.proc);
    s = await w.waitState((x) => x['ram.level'] === 'alert', 'the RAM alert');
    assert.equal(s['ram.value'], '95,0\u202f%');
    assert.equal(s['ram.flag'], 'Seuil d’alerte atteint (90\u202f%)');
    assert.match(s['ram.accessible'], /^Mémoire vive: 95,0\u202f%, .*Seuil d’alerte atteint/);
    assert.equal(s.level, 'alert');
    assert.equal(s.banner, 'Alerte : Mémoire vive à 95,0\u202f% (seuil 90\u202f%)');
    assert.equal(s['cpu.level'], 'ok');
    assert.match(csvRows(w.csv).at(-1), /,False,True$/);
    await w.screenshot('desktop-fr-alert.png');

    // an export path that cannot be written: said in the status line,
    // sampling goes on, and rows come back once the path is writable
    fs.rmSync(w.csv);
    fs.mkdirSync(w.csv);
    s = await w.waitState((x) => x['status.error'] === '1', 'the export error');
    assert.match(s.status, /^Échec de l’export : open .*metrics_desktop\.csv: .+ \(les mesures continuent\)$/);
    const samples = Number(s.samples);
    s = await w.waitState((x) => Number(x.samples) >= samples + 3, 'samples during the error');
    assert.equal(s['status.error'], '1');
    assert.equal(s['ram.level'], 'alert');
    fs.rmdirSync(w.csv);
    s = await w.waitState((x) => x['status.error'] === '0', 'the export back');
    await pollUntil(() => csvRows(w.csv).length >= 2, 5000, 'rows again');
    assert.equal(csvRows(w.csv)[0], CSV_HEADER);
    assert.match(w.stderr(), /sysdash-desktop: open .*metrics_desktop\.csv: .+ \(sampling goes on\)/);
    assert.match(w.stderr(), /sysdash-desktop: writing .* again/);

    const r = await w.close();
    assert.equal(r.code, 0, w.stderr());
    assert.doesNotMatch(w.stderr(), GTK_NOISE);
  } finally {
    w.kill();
  }
});

test('Russian, with a remembered export path: texts, alert, screenshots', async () => {
  const dir = tmpDir('ru');
  const csv = path.join(dir, 'ru.csv');
  const w = await startWindow({ lang: 'ru', ini: `[export]\nenabled=true\npath=${csv}\n` });
  try {
    let s = await w.waitState((x) => Number(x.samples) >= 2, 'two samples', 20000);
    assert.equal(s['health.title'], 'Состояние системы');
    assert.equal(s['uptime.title'], 'Время работы');
    assert.equal(s.banner, 'Всё в порядке: пороги не превышены');
    assert.match(s['disk.detail'], /^\d+,\d\d \/ \d+,\d\d ГиБ$/);
    assert.equal(s['export.path'], csv);
    await pollUntil(() => csvRows(csv).length >= 2, 5000, 'rows in the remembered file');
    assert.equal(fs.existsSync(w.csv), false, 'nothing on the Desktop');
    await w.screenshot('desktop-ru-normal.png');
    ramAlert(w.proc);
    s = await w.waitState((x) => x.level === 'alert', 'the alert');
    assert.equal(s['ram.flag'], 'Достигнут порог тревоги (90\u00a0%)');
    assert.equal(s.banner, 'Тревога: Память — 95,0\u00a0% (порог 90\u00a0%)');
    await w.screenshot('desktop-ru-alert.png');
    // SIGTERM closes it as the window's close button does
    process.kill(w.pid, 'SIGTERM');
    const r = await w.done;
    assert.equal(r.code, 0, w.stderr());
    assert.doesNotMatch(w.stderr(), GTK_NOISE);
  } finally {
    w.kill();
  }
});

test('a bad desktop.ini is said on stderr and the defaults are used', async () => {
  const w = await startWindow({ lang: 'en', ini: '[export]\nenabled=maybe\npath=relative.csv\n' });
  try {
    const s = await w.waitState((x) => Number(x.samples) >= 1, 'a sample', 20000);
    assert.equal(s['export.path'], w.csv);
    assert.equal(s['export.enabled'], '1');
    assert.match(w.stderr(), /sysdash-desktop: .*desktop\.ini: \[export\] (enabled|path).*\(defaults used\)/);
    process.kill(w.pid, 'SIGTERM');
    assert.equal((await w.done).code, 0);
  } finally {
    w.kill();
  }
});

test('flags: --help, --version, and wrong values refused before any window', async () => {
  const e = env({ DISPLAY: undefined, WAYLAND_DISPLAY: undefined });
  let r = await run(['--help'], { cmd: BIN, env: e });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Usage: sysdash-desktop /);
  r = await run(['--version'], { cmd: BIN, env: e });
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^sysdash-desktop \d+\.\d+\.\d+\n$/);
  const bad = [
    [['--interval', '0'], /--interval '0': not a number of seconds/],
    [['--interval', 'abc'], /--interval 'abc'/],
    [['--interval', '1e9'], /--interval '1e9'/],
    [['--interval', ''], /--interval ''/],
    [['--interval', 'nan'], /--interval 'nan'/],
    [['--interval'], /--interval needs a value/],
    [['--dump-state', ''], /--dump-state: empty file name/],
    [['--bogus'], /unknown argument '--bogus'/],
    [['x'.repeat(100000)], /unknown argument/],
  ];
  for (const [args, re] of bad) {
    r = await run(args, { cmd: BIN, env: e });
    assert.equal(r.code, 2, `${args}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  for (const [k, v, re] of [
    ['SYSDASH_LANG', 'de', /SYSDASH_LANG 'de': not one of fr, en, es, ru/],
    ['SYSDASH_LANG', 'fr_FR', /SYSDASH_LANG 'fr_FR'/],
    ['SYSDASH_INTERVAL', 'soon', /SYSDASH_INTERVAL/],
    ['CPU_ALERT', '-5', /CPU_ALERT/],
  ]) {
    r = await run([], { cmd: BIN, env: { ...e, [k]: v } });
    assert.equal(r.code, 2, `${k}=${v}: ${r.stderr}`);
    assert.match(r.stderr, re);
  }
  r = await run([], { cmd: BIN, env: e });
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot open the display/);
});
