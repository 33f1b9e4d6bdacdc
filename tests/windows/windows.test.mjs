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
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, CSV_HEADER, ROW_RE, LINE_RE, GIB, PYTHON, tmpDir, cleanup, pollUntil } from '../cli/sampler.mjs';
import { WIN_DIR, makePrefix, wine, killPrefix, bmpToPng } from './wine.mjs';

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

const STATE_RE = /^sysdash-cpu 1 (\d+) (\d+) (\d+) (\d+\.\d{3})\n$/;
const cpuOf = (line) => Number(LINE_RE.exec(line.trim()).groups.cpu);

test('--once --state: the counters are kept for the next run, whose CPU is since then', async () => {
  const d = tmpDir('wstate');
  const st = path.join(d, 'new', 'folders', 'sampler.state');
  const r1 = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(st)]);
  assert.equal(r1.code, 0, r1.stderr);
  const m1 = STATE_RE.exec(fs.readFileSync(st, 'utf8'));
  assert.ok(m1, fs.readFileSync(st, 'utf8'));
  const r2 = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(st)]);
  assert.equal(r2.code, 0, r2.stderr);
  const m2 = STATE_RE.exec(fs.readFileSync(st, 'utf8'));
  assert.ok(Number(m2[4]) > Number(m1[4]), 'a later reading');
  assert.ok(Math.abs(Number(m2[1]) - Number(m1[1])) <= 2, 'the same boot');
  assert.ok(BigInt(m2[2]) >= BigInt(m1[2]) && BigInt(m2[3]) >= BigInt(m1[3]), 'counters only grow');
  assert.deepEqual(fs.readdirSync(path.dirname(st)), ['sampler.state'], 'no temp file left');
  // The next run's CPU comes from the state, not from a 250 ms window: a
  // state with no busy time at all since boot reads 100 % busy...
  const [btime, total, busy] = [m2[1], BigInt(m2[2]), BigInt(m2[3])];
  const when = (Date.now() / 1000 - 30).toFixed(3);
  fs.writeFileSync(st, `sysdash-cpu 1 ${btime} ${total - busy} 0 ${when}\n`);
  const busyRun = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(st)]);
  assert.equal(busyRun.code, 0, busyRun.stderr);
  // ...a state with all of the busy time and none of the total reads 0 %
  const m3 = STATE_RE.exec(fs.readFileSync(st, 'utf8'));
  fs.writeFileSync(st, `sysdash-cpu 1 ${m3[1]} ${m3[3]} ${m3[3]} ${when}\n`);
  const idleRun = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(st)]);
  assert.equal(idleRun.code, 0, idleRun.stderr);
  console.log(`# busy state: ${busyRun.stdout.trim()}\n# idle state: ${idleRun.stdout.trim()}`);
  assert.ok(cpuOf(busyRun.stdout) >= 99, busyRun.stdout);
  assert.equal(cpuOf(idleRun.stdout), 0, idleRun.stdout);
  // another boot, a state from the future: not used. Were it used, the
  // "busy" and "idle" states above would read exactly 100.0 and 0.0; a
  // fresh 250 ms window cannot read both (whatever the machine's load)
  const future = (Date.now() / 1000 + 3600).toFixed(3);
  for (const [bt, at] of [[Number(btime) + 100, when], [btime, future]]) {
    const cpu = [];
    for (const counters of [`${total - busy} 0`, `${busy} ${busy}`]) {
      fs.writeFileSync(st, `sysdash-cpu 1 ${bt} ${counters} ${at}\n`);
      const r = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(st)]);
      assert.equal(r.code, 0, r.stderr);
      cpu.push(cpuOf(r.stdout));
      assert.match(fs.readFileSync(st, 'utf8'), STATE_RE);
    }
    assert.ok(!(cpu[0] === 100 && cpu[1] === 0), `boot ${bt}, time ${at}: the state was used (${cpu})`);
  }
  // a garbled file: a fresh window, and a good state written over it
  fs.writeFileSync(st, 'garbage\n');
  const g = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(st)]);
  assert.equal(g.code, 0, g.stderr);
  assert.match(fs.readFileSync(st, 'utf8'), STATE_RE);
});

test('--once --state: a state path that cannot be written is said, the sample still taken; the default is %LOCALAPPDATA%', async () => {
  const d = tmpDir('wstate2');
  const r = await wine(P, CLI, ['--once', '--no-export', '--state', P.win(d)]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout.trim(), LINE_RE);
  assert.match(r.stderr, /^sysdash: save state Z:.*: not a regular file \(refused\) \(next --once samples 250 ms instead\)$/m);
  const def = path.join(P.localappdata, 'sysdash', 'sampler.state');
  fs.rmSync(def, { force: true });
  const r2 = await wine(P, CLI, ['--once', '--no-export']);
  assert.equal(r2.code, 0, r2.stderr);
  assert.match(fs.readFileSync(def, 'utf8'), STATE_RE);
  const data = tmpDir('wstate3');
  const r3 = await wine(P, CLI, ['--once', '--no-export'], { env: { SYSDASH_DATA_DIR: P.win(data) } });
  assert.equal(r3.code, 0, r3.stderr);
  assert.match(fs.readFileSync(path.join(data, 'sampler.state'), 'utf8'), STATE_RE);
  const h = await wine(P, CLI, ['--help']);
  assert.match(h.stdout, /--state PATH/);
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

const DESK = path.join(WIN_DIR, 'sysdash-desktop.exe');
const HOOK = path.join(WIN_DIR, 'tests', 'argv_log.exe');
const OUT = path.join(ROOT, 'test-output');

test('sysdash-desktop.exe under xvfb-run: title, CSV rows, the CPU alert in words, a screenshot', async () => {
  const d = tmpDir('wdesk');
  const state = path.join(d, 'state');
  const shot = path.join(d, 'shot.bmp');
  const info = path.join(d, 'info');
  const csv = path.join(P.desktop, 'metrics_desktop.csv');
  fs.rmSync(csv, { force: true });
  const script = 'printf "%s\\n%s\\n" "$DISPLAY" "$XAUTHORITY" > "$0.tmp" && mv "$0.tmp" "$0" && exec "$@"';
  const child = spawn('xvfb-run', ['-a', '-s', '-screen 0 1024x768x24', 'sh', '-c', script, info,
    'wine', DESK, '--interval', '0.5', '--dump-state', P.win(state), '--snapshot', P.win(shot)],
  { env: P.env({ CPU_ALERT: '0', SYSDASH_LANG: 'fr' }), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (x) => { stderr += x; });
  child.stdout.resume();
  const done = new Promise((resolve) => child.on('close', (code) => resolve(code)));
  try {
    await pollUntil(() => fs.existsSync(info), 30000, 'the X server');
    const [display, xauth] = fs.readFileSync(info, 'utf8').split('\n');
    const xenv = { ...process.env, DISPLAY: display, XAUTHORITY: xauth };
    const st = () => Object.fromEntries(fs.existsSync(state) ? fs.readFileSync(state, 'utf8')
      .split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]) : []);
    await pollUntil(() => Number(st().samples) >= 4, 60000, 'four samples');
    const ids = spawnSync('xdotool', ['search', '--name', '^sysdash$'], { env: xenv, encoding: 'utf8' });
    assert.equal(ids.status, 0, `xdotool finds a window titled sysdash: ${ids.stderr}`);
    const name = spawnSync('xdotool', ['getwindowname', ids.stdout.trim().split('\n')[0]], { env: xenv, encoding: 'utf8' });
    assert.equal(name.stdout.trim(), 'sysdash');
    const s = st();
    assert.equal(s.title, 'sysdash');
    assert.equal(s['cpu.title'], 'Processeur');
    assert.equal(s['ram.title'], 'Mémoire vive');
    // CPU_ALERT=0: any CPU use is an alert, shown in colour and in words
    assert.equal(s['cpu.level'], 'alert');
    assert.equal(s.level, 'alert');
    assert.match(s['cpu.flag'], /^Seuil d’alerte atteint \(0\s%\)$/u);
    assert.match(s.banner, /^Alerte : Processeur à \d+,\d\s%/u);
    assert.match(s['ram.detail'], /^\d+,\d\d \/ \d+,\d\d Gio$/);
    assert.equal(s['export.enabled'], '1');
    assert.match(s['export.path'], /\\Desktop\\metrics_desktop\.csv$/);
    assert.match(s.status, /^Dernière mesure à \d\d:\d\d:\d\d$/);
    // the rows, in the contract's format, at the interval
    await pollUntil(() => fs.existsSync(csv) && fs.readFileSync(csv, 'utf8').trim().split('\n').length >= 4,
      20000, 'three CSV rows');
    const rows = fs.readFileSync(csv, 'utf8').trim().split('\n');
    assert.equal(rows[0], CSV_HEADER);
    rows.slice(1).forEach((r) => { assert.match(r, ROW_RE); assert.match(r, /,True,(True|False)$/); });
    // a screenshot, as PNG, in test-output/
    await pollUntil(() => fs.existsSync(shot), 10000, 'the snapshot');
    const png = bmpToPng(fs.readFileSync(shot));
    fs.mkdirSync(OUT, { recursive: true });
    fs.writeFileSync(path.join(OUT, 'windows-desktop-fr-alert.png'), png);
    assert.ok(png.length > 5000, `screenshot is ${png.length} bytes`);
  } finally {
    spawnSync('wine', ['taskkill', '/f', '/im', 'sysdash-desktop.exe'], { env: P.env(), stdio: 'ignore', timeout: 20000 });
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 10000);
    await done;
    clearTimeout(t);
  }
  assert.doesNotMatch(stderr, /err:|Unhandled exception/, stderr);
});

// --action through the test hook: argv_log.exe stands in for ipconfig.exe
function actionEnv(log) {
  return { SYSDASH_ACTION_TEST_EXEC: P.win(HOOK), SYSDASH_ARGV_LOG: P.win(log) };
}

function auditLines(dir) {
  const f = path.join(dir, 'actions.jsonl');
  return fs.existsSync(f) ? fs.readFileSync(f, 'utf8').trim().split('\n').map((l) => JSON.parse(l)) : [];
}

test('actions: exact command lines, the audit line per run, bad names and the --yes rule', async () => {
  const d = tmpDir('wact');
  const log = path.join(d, 'argv.log');
  const csv = P.win(path.join(d, 'm.csv'));
  const r = await wine(P, DESK, ['--action', 'flush_dns', '--export-csv', csv], { env: actionEnv(log) });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.equal(r.stdout.trim(), 'ok: DNS cache flushed.');
  assert.equal(fs.readFileSync(log, 'utf8'), 'ipconfig.exe /flushdns\n');
  const fail = await wine(P, DESK, ['--action', 'flush_dns', '--export-csv', csv],
    { env: { ...actionEnv(log), SYSDASH_FAKE_EXIT: '1' } });
  assert.equal(fail.code, 1);
  assert.match(fail.stdout, /^failed: ipconfig \/flushdns failed \(exit 1\): Windows IP Configuration \(fake\)/);
  for (const [args, re] of [[['--action', 'rm_rf'], /unknown action/], [['--action', 'cleanup_temp'], /confirm with --yes/],
    [['--yes'], /--yes goes with --action/], [['--action'], /needs a value/], [['--bogus'], /unknown option/]]) {
    const b = await wine(P, DESK, [...args, '--export-csv', csv], { env: actionEnv(log) });
    assert.equal(b.code, 2, args.join(' '));
    assert.match(b.stderr, re);
  }
  const rel = await wine(P, DESK, ['--action', 'flush_dns', '--export-csv', csv],
    { env: { SYSDASH_ACTION_TEST_EXEC: 'argv_log.exe' } });
  assert.equal(rel.code, 2);
  assert.match(rel.stderr, /SYSDASH_ACTION_TEST_EXEC must be an absolute path/);
  const lang = await wine(P, DESK, ['--action', 'flush_dns'], { env: { SYSDASH_LANG: 'de' } });
  assert.equal(lang.code, 2);
  assert.match(lang.stderr, /SYSDASH_LANG: must be fr, en, es or ru/);
  const a = auditLines(d);
  assert.equal(a.length, 2, 'refused runs are not runs: two lines');
  assert.deepEqual(Object.keys(a[0]), ['time', 'client', 'action', 'outcome', 'status', 'duration_ms', 'message']);
  assert.equal(a[0].action, 'flush_dns');
  assert.equal(a[0].outcome, 'ok');
  assert.equal(a[1].outcome, 'failed');
  assert.equal(a[0].client, 'desktop');
  assert.match(a[0].time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
  // the Spooler service through Wine's Service Control Manager (Wine runs
  // as an administrator: the not-elevated message cannot be shown here).
  // Wine's services.exe may time the start out on a loaded machine
  // (ERROR_SERVICE_REQUEST_TIMEOUT): then the step and the reason are said
  const sp = await wine(P, DESK, ['--action', 'restart_spooler', '--export-csv', csv]);
  assert.ok(sp.code === 0 || sp.code === 1, sp.stdout + sp.stderr);
  assert.match(sp.stdout.trim(), sp.code === 0 ? /^ok: Print spooler restarted\.$/
    : /^failed: (Starting the Spooler service: |The Spooler service (did not stop|was started but))/);
  assert.equal(auditLines(d).at(-1).action, 'restart_spooler');
  assert.equal(auditLines(d).at(-1).outcome, sp.code === 0 ? 'ok' : 'failed');
});

test('cleanups: regular *.tmp only in %TEMP%, never a folder or through a link; Teams and Outlook', async () => {
  const d = tmpDir('wclean');
  const csv = P.win(path.join(d, 'm.csv'));
  const outside = tmpDir('wvictim');
  const T = P.temp;
  fs.mkdirSync(T, { recursive: true });
  for (const f of ['a.tmp', 'B.TMP', 'keep.txt', 'tmp']) fs.writeFileSync(path.join(T, f), 'x'.repeat(10));
  fs.mkdirSync(path.join(T, 'x.tmp'));
  fs.writeFileSync(path.join(T, 'x.tmp', 'inner.tmp'), 'in');
  fs.writeFileSync(path.join(outside, 'victim.tmp'), 'precious');
  fs.symlinkSync(path.join(outside, 'victim.tmp'), path.join(T, 'link.tmp'));
  fs.symlinkSync(outside, path.join(T, 'dirlink.tmp'));
  const r = await wine(P, DESK, ['--action', 'cleanup_temp', '--yes', '--export-csv', csv]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /^ok: Temporary files cleaned in C:\\users\\[^\\]+\\Temp: 2 files deleted \(20 B\); files in use or reached through a link were kept$/m);
  assert.deepEqual(fs.readdirSync(T).filter((f) => !f.startsWith('sysdash-logs')).sort(),
    ['dirlink.tmp', 'keep.txt', 'link.tmp', 'tmp', 'x.tmp']);
  assert.equal(fs.readFileSync(path.join(T, 'x.tmp', 'inner.tmp'), 'utf8'), 'in');
  assert.equal(fs.readFileSync(path.join(outside, 'victim.tmp'), 'utf8'), 'precious');

  const teams = path.join(P.appdata, 'Microsoft', 'Teams');
  fs.mkdirSync(path.join(teams, 'Cache', 'sub'), { recursive: true });
  fs.mkdirSync(path.join(teams, 'GPUCache'), { recursive: true });
  fs.writeFileSync(path.join(teams, 'Cache', 'data_0'), '12345');
  fs.writeFileSync(path.join(teams, 'Cache', 'sub', 'f_000001'), '123');
  fs.writeFileSync(path.join(teams, 'GPUCache', 'index'), '1');
  fs.writeFileSync(path.join(teams, 'settings.json'), '{}');
  fs.symlinkSync(outside, path.join(teams, 'Cache', 'elsewhere'));
  const t = await wine(P, DESK, ['--action', 'cleanup_teams', '--yes', '--export-csv', csv]);
  assert.equal(t.code, 0, t.stdout + t.stderr);
  assert.match(t.stdout, /^ok: Teams cache cleared .*: 3 files deleted \(9 B\)/m);
  assert.ok(fs.existsSync(path.join(teams, 'settings.json')), 'outside the caches: kept');
  assert.ok(fs.existsSync(path.join(teams, 'Cache', 'sub')), 'folders stay');
  assert.equal(fs.readFileSync(path.join(outside, 'victim.tmp'), 'utf8'), 'precious');

  const outlook = path.join(P.localappdata, 'Microsoft', 'Outlook');
  fs.mkdirSync(outlook, { recursive: true });
  for (const f of ['a.tmp', 'b.dat', 'mail.ost', 'c.DAT']) fs.writeFileSync(path.join(outlook, f), 'oo');
  const o = await wine(P, DESK, ['--action', 'cleanup_outlook', '--yes', '--export-csv', csv]);
  assert.equal(o.code, 0, o.stdout + o.stderr);
  assert.match(o.stdout, /^ok: Outlook cache cleared: 3 files deleted \(6 B\)\.$/m);
  assert.deepEqual(fs.readdirSync(outlook), ['mail.ost']);
  assert.deepEqual(auditLines(d).map((x) => x.action), ['cleanup_temp', 'cleanup_teams', 'cleanup_outlook']);
});

test('collect_logs: a zip in %TEMP% with the stats JSON, the header and last 200 CSV rows, ipconfig /all', async () => {
  const d = tmpDir('wzip');
  const log = path.join(d, 'argv.log');
  const csvPath = path.join(d, 'm.csv');
  const rows = Array.from({ length: 250 }, (_, i) => `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000+00:00,${i}.0,1.0,1.00,2.00,3.0,4.00,5.00,6.00,00:00:06,False,False`);
  fs.writeFileSync(csvPath, `${CSV_HEADER}\n${rows.join('\n')}\n`);
  const r = await wine(P, DESK, ['--action', 'collect_logs', '--export-csv', P.win(csvPath)], { env: actionEnv(log) });
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const m = /^ok: Logs collected in C:\\users\\[^\\]+\\Temp\\(sysdash-logs-\d{8}-\d{6}\.\d{3}\.zip)\.$/m.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.equal(fs.readFileSync(log, 'utf8'), 'ipconfig.exe /all\n');
  const zip = path.join(P.temp, m[1]);
  const z = psutil('import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; ' +
    'print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))', [zip]);
  assert.deepEqual(Object.keys(z), ['stats.json', 'metrics-tail.csv', 'ipconfig-all.txt']);
  const tail = z['metrics-tail.csv'].trim().split('\n');
  assert.equal(tail.length, 201);
  assert.equal(tail[0], CSV_HEADER);
  assert.equal(tail[1], rows[50]);
  assert.equal(tail[200], rows[249]);
  const stats = JSON.parse(z['stats.json']);
  assert.equal(typeof stats.cpu_percent, 'number');
  assert.ok(['ok', 'warn', 'critical'].includes(stats.health.status));
  assert.match(z['ipconfig-all.txt'], /^Windows IP Configuration \(fake\) for: ipconfig\.exe \/all/);
  // without the hook: Wine's own ipconfig.exe /all
  const real = await wine(P, DESK, ['--action', 'collect_logs', '--export-csv', P.win(csvPath)]);
  assert.equal(real.code, 0, real.stdout + real.stderr);
  const zip2 = path.join(P.temp, /(sysdash-logs-[\d.-]+\.zip)/.exec(real.stdout)[1]);
  const z2 = psutil('import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(json.dumps(z.read("ipconfig-all.txt").decode("latin-1")))', [zip2]);
  assert.match(z2, /Hostname|Host name/i);
});

test('make windows-zip: both .exe, README-windows.txt (French and English, CRLF) and the licence', () => {
  const version = /^VERSION\s*=\s*(\S+)/m.exec(fs.readFileSync(path.join(ROOT, 'Makefile'), 'utf8'))[1];
  const zip = path.join(ROOT, 'dist', `sysdash-${version}-windows-x64.zip`);
  assert.ok(fs.existsSync(zip), `${zip} (make windows-zip)`);
  const z = psutil('import json, sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); assert z.testzip() is None; ' +
    'print(json.dumps({i.filename: i.file_size for i in z.infolist()} | {"readme": z.read("README-windows.txt").decode()}))', [zip]);
  const names = Object.keys(z).filter((n) => n !== 'readme').sort();
  assert.deepEqual(names, ['LICENSE', 'README-windows.txt', 'sysdash-desktop.exe', 'sysdash.exe']);
  assert.equal(z.LICENSE, fs.statSync(path.join(ROOT, 'LICENSE')).size);
  assert.equal(z['sysdash.exe'], fs.statSync(CLI).size);
  assert.equal(z['sysdash-desktop.exe'], fs.statSync(DESK).size);
  assert.match(z.readme, /\[Francais\]/);
  assert.match(z.readme, /\[English\]/);
  assert.match(z.readme, new RegExp(`version ${version.replaceAll('.', '\\.')}\\r\\n`));
  assert.ok(z.readme.split('\n').slice(0, -1).every((l) => l.endsWith('\r')), 'CRLF lines');
});
