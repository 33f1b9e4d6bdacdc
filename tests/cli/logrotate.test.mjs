// logrotate.test.mjs: the real logrotate (-f) on the sampler's exports while
// it writes every 0.2 s, in both modes: rename (conf/logrotate.d/sysdash's
// default) and copytruncate. Every row is present once and in order across
// the rotated files, with no gap over one interval and no NUL byte; then
// /api/history reads across metrics.csv.1.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { after, describe, it } from 'node:test';
import { cleanup, CSV_HEADER, fixtureEnv, ROOT, sleep, start, tmpDir } from './sampler.mjs';

const INTERVAL = 0.2;
const haveLogrotate = existsSync('/usr/sbin/logrotate');

after(cleanup);

/** The shipped configuration, pointed at dir, in the given mode. */
function config(dir, mode) {
  let text = readFileSync(path.join(ROOT, 'conf', 'logrotate.d', 'sysdash'), 'utf8');
  text = text.replaceAll('/var/lib/sysdash', dir);
  // the test runs as whoever runs it: no su, files created as that user
  text = text.replace(/^\s*su .*$/m, '').replace(/^\s*create .*$/m, mode === 'copytruncate' ? '\tcopytruncate' : '\tcreate 0644');
  const file = path.join(dir, `logrotate-${mode}.conf`);
  writeFileSync(file, text);
  return file;
}

function rotate(conf, state) {
  const r = spawnSync('logrotate', ['-f', '-s', state, conf], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
}

/** Every file of one export, oldest first: .N.gz ... .2.gz, .1, current. */
function allText(file) {
  const dir = path.dirname(file);
  const base = path.basename(file);
  const parts = [];
  const rotated = readdirSync(dir)
    .map((n) => n.match(new RegExp(`^${base.replace('.', '\\.')}\\.(\\d+)(\\.gz)?$`)))
    .filter(Boolean)
    .sort((a, b) => Number(b[1]) - Number(a[1]));
  for (const m of rotated) {
    const buf = readFileSync(path.join(dir, m[0]));
    parts.push(m[2] ? gunzipSync(buf) : buf);
  }
  parts.push(readFileSync(file));
  return parts;
}

function checkRows(csvParts, jsonlParts) {
  const times = [];
  for (const buf of csvParts) {
    assert.equal(buf.indexOf(0), -1, 'a NUL byte in a CSV file');
    const lines = buf.toString('utf8').split('\n');
    assert.equal(lines.pop(), '', 'each file ends at a row boundary');
    if (lines.length === 0) continue;
    assert.equal(lines[0], CSV_HEADER, 'each file starts with the header, once');
    for (const l of lines.slice(1)) {
      assert.notEqual(l, CSV_HEADER, 'the header twice');
      assert.equal(l.split(',').length, 12, l);
      times.push(Date.parse(l.split(',')[0]));
    }
  }
  const jtimes = [];
  for (const buf of jsonlParts) {
    assert.equal(buf.indexOf(0), -1, 'a NUL byte in a JSONL file');
    for (const l of buf.toString('utf8').split('\n').filter(Boolean)) jtimes.push(Date.parse(JSON.parse(l).timestamp));
  }
  for (const [what, ts] of [['CSV', times], ['JSONL', jtimes]]) {
    assert.ok(ts.length > 20, `${what}: ${ts.length} rows`);
    for (let i = 1; i < ts.length; i++) {
      const gap = ts[i] - ts[i - 1];
      assert.ok(gap > 0, `${what}: row ${i} is a duplicate or out of order (${gap} ms)`);
      // one interval apart: a lost row would make it two
      assert.ok(gap < INTERVAL * 1000 * 1.75, `${what}: a gap of ${gap} ms after row ${i - 1}: a row was lost`);
    }
  }
  return times.length;
}

describe('logrotate -f on the exports while the sampler writes', { skip: !haveLogrotate && 'no logrotate' }, () => {
  for (const mode of ['rename', 'copytruncate']) {
    it(`${mode}: every row once, in order, no gap, no NUL`, async () => {
      const dir = tmpDir(`rot-${mode}`);
      const csv = path.join(dir, 'metrics.csv');
      const jsonl = path.join(dir, 'metrics.jsonl');
      const conf = config(dir, mode);
      const state = path.join(dir, 'state');
      const s = start(['--interval', String(INTERVAL), '--quiet', '--export-csv', csv, '--export-jsonl', jsonl],
        { env: fixtureEnv() });
      await s.poll(() => existsSync(csv) && readFileSync(csv, 'utf8').split('\n').length > 8, 10000, 'rows');
      rotate(conf, state);
      await sleep(1500);
      rotate(conf, state); // the first rotated file is compressed now
      await sleep(1500);
      s.child.kill('SIGTERM');
      const done = await s.done;
      assert.equal(done.code, 0, done.stderr);
      assert.ok(existsSync(`${csv}.2.gz`) && existsSync(`${csv}.1`), readdirSync(dir).join(' '));
      const n = checkRows(allText(csv), allText(jsonl));
      assert.ok(n >= 20, `only ${n} rows in some 4 s at 0.2 s`);
    });
  }
});
