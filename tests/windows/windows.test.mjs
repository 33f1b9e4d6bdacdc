// windows.test.mjs: the Windows build (make windows) under Wine, in one
// fresh prefix for the whole file: sysdash.exe's line, CSV and JSONL
// against the contract and against python3-psutil on the host (Wine reports
// the host's RAM and the prefix's disk), bad flags, a non-ASCII path; the
// lib/ unit tests built as .exe; sysdash-desktop.exe under xvfb-run (title,
// rows, the alert, a screenshot) and its actions through the test hook.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, CSV_HEADER, ROW_RE, LINE_RE, GIB, PYTHON, tmpDir, cleanup } from '../cli/sampler.mjs';
import { WIN_DIR, makePrefix, wine, killPrefix } from './wine.mjs';

const CLI = path.join(WIN_DIR, 'sysdash.exe');
let P;

before(() => { P = makePrefix(); });
after(() => { if (P) killPrefix(P); cleanup(); });

function psutil(code, args = []) {
  const r = spawnSync(PYTHON, ['-c', code, ...args], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

test('sysdash.exe --once: the contract line, the exact CSV header, a row, JSONL', async () => {
  const d = tmpDir('wcli');
  const csv = path.join(d, 'm.csv');
  const jsonl = path.join(d, 'm.jsonl');
  const r = await wine(P, CLI, ['--once', '--export-csv', P.win(csv), '--export-jsonl', P.win(jsonl)]);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.equal(lines.length, 1);
  assert.match(lines[0], LINE_RE);
  const text = fs.readFileSync(csv, 'utf8');
  assert.ok(text.startsWith(CSV_HEADER), text.slice(0, 200));
  const rows = text.slice(CSV_HEADER.length).trim().split('\n');
  assert.equal(rows.length, 1);
  assert.match(rows[0], ROW_RE);
  const j = JSON.parse(fs.readFileSync(jsonl, 'utf8').trim());
  for (const k of ['timestamp', 'cpu_percent', 'ram_percent', 'ram_used_gib', 'ram_total_gib',
    'disk_percent', 'disk_used_gib', 'disk_total_gib', 'uptime_seconds', 'uptime_hms', 'alerts', 'alert_active']) {
    assert.ok(k in j, `JSONL has ${k}`);
  }
  // the line, the row and the object say the same numbers
  const f = rows[0].split(',');
  assert.equal(f[0], j.timestamp);
  assert.equal(Number(f[2]), j.ram_percent);
  assert.equal(Number(f[4]), j.ram_total_gib);
  assert.equal(Number(f[7]), j.disk_total_gib);
  const m = LINE_RE.exec(lines[0]).groups;
  assert.equal(Number(m.ramTotal), j.ram_total_gib);
  // a second run appends without a second header
  const r2 = await wine(P, CLI, ['--once', '--quiet', '--export-csv', P.win(csv), '--export-jsonl', P.win(jsonl)]);
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(r2.stdout, '');
  const all = fs.readFileSync(csv, 'utf8');
  assert.equal(all.split(CSV_HEADER).length, 2, 'one header');
  assert.equal(all.trim().split('\n').length, 3);
});

test('RAM total and disk total agree with psutil on the host', async () => {
  const r = await wine(P, CLI, ['--once', '--no-export']);
  assert.equal(r.code, 0, r.stderr);
  const m = LINE_RE.exec(r.stdout.trim()).groups;
  // Wine's C: is the prefix's drive_c folder, on the host's file system
  const ref = psutil('import json, psutil, sys; v = psutil.virtual_memory(); ' +
    'd = psutil.disk_usage(sys.argv[1]); print(json.dumps([v.total, d.total, d.total - d.free]))',
  [path.join(P.dir, 'drive_c')]);
  assert.ok(Math.abs(Number(m.ramTotal) - ref[0] / GIB) <= 0.01, `RAM ${m.ramTotal} vs ${ref[0] / GIB}`);
  assert.ok(Math.abs(Number(m.diskTotal) - ref[1] / GIB) <= 0.01, `disk ${m.diskTotal} vs ${ref[1] / GIB}`);
  // Wine's free bytes are statvfs f_bavail (psutil's free), so used is
  // total - free; it moves with every other writer here: within 1 GiB
  assert.ok(Math.abs(Number(m.diskUsed) - ref[2] / GIB) <= 1, `disk used ${m.diskUsed} vs ${ref[2] / GIB}`);
});

test('bad flags and values exit 2 with a message; --help and --version exit 0', async () => {
  for (const args of [['--bogus'], ['--interval', 'abc'], ['--interval', '0'], ['--count', '-1'],
    ['--count'], ['--once', '--count', '2'], ['--no-export', '--export-csv', 'x.csv'], ['stray'],
    ['--export-csv', P.win(path.join(tmpDir('wbad'), 'no', 'such', 'dir', 'm.csv'))],
    ['--export-csv', P.win(tmpDir('wdir'))]]) {
    const r = await wine(P, CLI, ['--once', ...args].filter((a, i) => !(i === 0 && args.includes('--count'))));
    assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout} ${r.stderr}`);
    assert.match(r.stderr, /^sysdash: .+/, args.join(' '));
  }
  const bad = await wine(P, CLI, ['--once', '--no-export'], { env: { CPU_ALERT: '200' } });
  assert.equal(bad.code, 2);
  assert.match(bad.stderr, /CPU_ALERT: must be a number/);
  const h = await wine(P, CLI, ['--help']);
  assert.equal(h.code, 0);
  assert.match(h.stdout, /--export-csv PATH/);
  const v = await wine(P, CLI, ['--version']);
  assert.match(v.stdout, /^sysdash \d+\.\d+\.\d+ \(Windows\)$/m);
});

test('a non-ASCII export path (flag and SYSDASH_CSV) works', async () => {
  const d = path.join(tmpDir('wutf'), 'données ünï Ωмир 日本');
  fs.mkdirSync(d);
  const csv = path.join(d, 'métriques.csv');
  const r = await wine(P, CLI, ['--once', '--quiet', '--export-csv', P.win(csv),
    '--export-jsonl', P.win(path.join(d, 'é.jsonl'))]);
  assert.equal(r.code, 0, r.stderr);
  assert.ok(fs.readFileSync(csv, 'utf8').startsWith(CSV_HEADER));
  const csv2 = path.join(d, 'Ωvar.csv');
  const r2 = await wine(P, CLI, ['--once', '--quiet'], {
    env: { SYSDASH_CSV: P.win(csv2), SYSDASH_JSONL: P.win(path.join(d, 'Ωvar.jsonl')) },
  });
  assert.equal(r2.code, 0, r2.stderr);
  assert.equal(fs.readFileSync(csv2, 'utf8').split('\n').length, 3);
});

test('no flag, no variable: metrics.csv and metrics.jsonl on the Desktop', async () => {
  const desk = P.desktop;
  fs.rmSync(path.join(desk, 'metrics.csv'), { force: true });
  const r = await wine(P, CLI, ['--count', '2', '--interval', '0.2', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  const rows = fs.readFileSync(path.join(desk, 'metrics.csv'), 'utf8').trim().split('\n');
  assert.equal(rows[0], CSV_HEADER);
  assert.equal(rows.length, 3);
  rows.slice(1).forEach((x) => assert.match(x, ROW_RE));
  assert.equal(fs.readFileSync(path.join(desk, 'metrics.jsonl'), 'utf8').trim().split('\n').length, 2);
});

test('the export refuses a symbolic link and a half-written last row is ended', async () => {
  const d = tmpDir('wlink');
  const target = path.join(d, 'target.csv');
  fs.writeFileSync(target, 'precious\n');
  fs.symlinkSync(target, path.join(d, 'link.csv'));
  const r = await wine(P, CLI, ['--once', '--quiet', '--export-csv', P.win(path.join(d, 'link.csv')),
    '--export-jsonl', P.win(path.join(d, 'x.jsonl'))]);
  // Wine shows a Unix symbolic link as the file it points to (no reparse
  // point): what must hold is that the target is only appended to
  assert.ok(fs.readFileSync(target, 'utf8').startsWith('precious\n'));
  assert.ok([0, 2].includes(r.code), r.stderr);
  const half = path.join(d, 'half.csv');
  fs.writeFileSync(half, `${CSV_HEADER}\n2025-12-27T18:59:36.829610,12.`);
  const r2 = await wine(P, CLI, ['--once', '--quiet', '--export-csv', P.win(half),
    '--export-jsonl', P.win(path.join(d, 'y.jsonl'))]);
  assert.equal(r2.code, 0, r2.stderr);
  const lines = fs.readFileSync(half, 'utf8').split('\n');
  assert.equal(lines[1], '2025-12-27T18:59:36.829610,12.');
  assert.match(lines[2], ROW_RE);
});

test('the platform-independent lib/ unit tests pass as Windows binaries', async () => {
  const dir = path.join(WIN_DIR, 'tests');
  const exes = fs.readdirSync(dir).filter((f) => f.endsWith('_test.exe')).sort();
  assert.ok(exes.length >= 5, `unit .exe files: ${exes}`);
  for (const exe of exes) {
    const r = await wine(P, path.join(dir, exe), [], {
      cwd: ROOT, env: { SYSDASH_FIXTURES: 'tests/fixtures' },
    });
    assert.equal(r.code, 0, `${exe}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout + r.stderr, /\[  PASSED  \] \d+ test\(s\)\./, exe);
    assert.doesNotMatch(r.stdout + r.stderr, /FAILED/, exe);
  }
});
