// sampler-output.test.mjs: what sysdash-sampler prints and exports: the
// line format, " !!" alerts, --quiet, the CSV (read back by Python's csv
// module) and JSONL, default export paths, intervals.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import {
  run, fixtureEnv, procTree, tmpDir, cleanup, listFiles, pyCsv, readJsonl, statvfs, msBetween,
  CSV_HEADER, ROW_RE, LINE_RE, FIXTURES, GIB,
} from './sampler.mjs';

after(cleanup);

const lines = (s) => s.split('\n').filter(Boolean);

function parseLine(l) {
  const m = LINE_RE.exec(l);
  assert.ok(m, `line does not match the documented format:\n${l}`);
  return m.groups;
}

// tests/fixtures/real/proc: RAM (24683656 - 24343108) / 24683656 = 1.38 %
// -> 1.4; used 84468 kB = 0.08 GiB of 24683656 kB = 23.54 GiB;
// uptime 359.53 s = 00:05:59. The fixture does not move, so CPU is 0.0.
function checkRealFixtureLine(g, diskPath) {
  assert.equal(g.cpu, '  0.0');
  assert.equal(g.ram, '  1.4');
  assert.equal(g.ramUsed, '0.08');
  assert.equal(g.ramTotal, '23.54');
  assert.equal(g.hms, '00:05:59');
  const d = statvfs(diskPath);
  assert.equal(g.diskTotal, (d.total / GIB).toFixed(2));
  assert.ok(Math.abs(Number(g.diskUsed) - d.used / GIB) < 0.05, `disk used ${g.diskUsed} vs ${d.used / GIB}`);
  assert.ok(Math.abs(Number(g.disk) - d.percent) < 0.15, `disk ${g.disk} vs ${d.percent}`);
}

test('one line per sample, in the documented format, with the fixture tree\'s values', async () => {
  const e = fixtureEnv();
  const t0 = Date.now();
  const r = await run(['--count', '2', '--interval', '0.1', '--no-export'], { env: e });
  assert.equal(r.code, 0, r.stderr);
  const ls = lines(r.stdout);
  assert.equal(ls.length, 2, r.stdout);
  for (const l of ls) {
    const g = parseLine(l);
    checkRealFixtureLine(g, e.SYSDASH_DISK_PATH);
    assert.equal(g.cpuAlert, undefined);
    assert.equal(g.ramAlert, undefined);
    const ts = Date.parse(g.ts);
    assert.ok(ts >= Math.floor(t0 / 1000) * 1000 - 1000 && ts <= Date.now() + 1000, `timestamp ${g.ts} is not now`);
  }
});

test('the timestamp carries the local UTC offset (TZ)', async () => {
  for (const [tz, off] of [['UTC0', '+00:00'], ['EST5', '-05:00'], ['NPT-5:45', '+05:45'], ['NST3:30', '-03:30']]) {
    const r = await run(['--count', '1', '--no-export'], { env: fixtureEnv({ TZ: tz }) });
    assert.equal(r.code, 0, r.stderr);
    const g = parseLine(lines(r.stdout)[0]);
    assert.ok(g.ts.endsWith(off), `TZ=${tz}: ${g.ts} does not end in ${off}`);
    assert.ok(Math.abs(Date.parse(g.ts) - Date.now()) < 5000, `TZ=${tz}: ${g.ts} is not now`);
  }
});

test('" !!" right after a percent at or over its threshold, and only then', async () => {
  const cases = [
    // CPU is 0.0 and RAM 1.4 on the fixture
    [{ CPU_ALERT: '0', RAM_ALERT: '1.4' }, true, true],
    [{ CPU_ALERT: '0.1', RAM_ALERT: '1.5' }, false, false],
    [{ CPU_ALERT: '0', RAM_ALERT: '100' }, true, false],
    [{ CPU_ALERT: '100', RAM_ALERT: '1' }, false, true],
    [{}, false, false], // defaults 80 / 90
  ];
  for (const [over, cpu, ram] of cases) {
    const dir = tmpDir();
    const csv = path.join(dir, 'm.csv');
    const jsonl = path.join(dir, 'm.jsonl');
    const r = await run(['--count', '1', '--export-csv', csv, '--export-jsonl', jsonl], { env: fixtureEnv(over) });
    assert.equal(r.code, 0, r.stderr);
    const g = parseLine(lines(r.stdout)[0]);
    const what = JSON.stringify(over);
    assert.equal(g.cpuAlert === ' !!', cpu, `${what}: ${lines(r.stdout)[0]}`);
    assert.equal(g.ramAlert === ' !!', ram, `${what}: ${lines(r.stdout)[0]}`);
    assert.equal((lines(r.stdout)[0].match(/!!/g) || []).length, cpu + ram, `${what}: stray !!`);
    const row = pyCsv(csv).rows[0];
    assert.equal(row[10], cpu ? 'True' : 'False', `${what}: csv cpu_alert`);
    assert.equal(row[11], ram ? 'True' : 'False', `${what}: csv ram_alert`);
    const j = readJsonl(jsonl)[0];
    assert.deepEqual(j.alerts, { cpu, ram }, what);
    assert.equal(j.alert_active, cpu || ram, what);
  }
});

test('--quiet prints nothing but still exports', async () => {
  const dir = tmpDir();
  const csv = path.join(dir, 'q.csv');
  const jsonl = path.join(dir, 'q.jsonl');
  const r = await run(['--quiet', '--count', '2', '--interval', '0.1', '--export-csv', csv, '--export-jsonl', jsonl]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, '');
  assert.equal(pyCsv(csv).rows.length, 2);
  assert.equal(readJsonl(jsonl).length, 2);
});

test('CSV: docs/API.md header exactly once, rows read back by Python csv, same values as printed', async () => {
  const dir = tmpDir();
  const csv = path.join(dir, 'metrics.csv');
  const jsonl = path.join(dir, 'metrics.jsonl');
  const e = fixtureEnv();
  const r1 = await run(['--count', '3', '--interval', '0.1', '--export-csv', csv, '--export-jsonl', jsonl], { env: e });
  assert.equal(r1.code, 0, r1.stderr);
  const r2 = await run(['--count', '2', '--interval', '0.1', '--export-csv', csv, '--export-jsonl', jsonl], { env: e });
  assert.equal(r2.code, 0, r2.stderr);
  const raw = fs.readFileSync(csv, 'utf8');
  assert.ok(raw.endsWith('\n'), 'the CSV does not end with a newline');
  const rawLines = raw.split('\n').slice(0, -1);
  assert.equal(rawLines[0], CSV_HEADER);
  assert.equal(rawLines.filter((l) => l === CSV_HEADER).length, 1, 'header repeated');
  assert.equal(rawLines.length, 6);
  for (const l of rawLines.slice(1)) assert.match(l, ROW_RE);
  const { header, rows } = pyCsv(csv);
  assert.deepEqual(header, CSV_HEADER.split(','));
  assert.equal(rows.length, 5);
  const printed = [...lines(r1.stdout), ...lines(r2.stdout)].map(parseLine);
  const objs = readJsonl(jsonl);
  assert.equal(objs.length, 5);
  rows.forEach((row, i) => {
    const o = Object.fromEntries(header.map((h, k) => [h, row[k]]));
    const g = printed[i];
    assert.equal(o.cpu_percent, g.cpu.trim());
    assert.equal(o.ram_percent, g.ram.trim());
    assert.equal(o.ram_used_gib, g.ramUsed);
    assert.equal(o.ram_total_gib, g.ramTotal);
    assert.equal(o.disk_percent, g.disk.trim());
    assert.equal(o.disk_used_gib, g.diskUsed);
    assert.equal(o.disk_total_gib, g.diskTotal);
    assert.equal(o.uptime_seconds, '359.53');
    assert.equal(o.uptime_hms, '00:05:59');
    assert.equal(o.cpu_alert, 'False');
    assert.equal(o.ram_alert, 'False');
    // the printed timestamp is the row's, without milliseconds
    assert.equal(o.timestamp.slice(0, 19) + o.timestamp.slice(23), g.ts);
    // and the JSONL object of the same sample says the same
    const j = objs[i];
    assert.equal(j.timestamp, o.timestamp);
    for (const k of ['cpu_percent', 'ram_percent', 'ram_used_gib', 'ram_total_gib', 'disk_percent',
      'disk_used_gib', 'disk_total_gib', 'uptime_seconds']) {
      assert.equal(j[k], Number(o[k]), `${k}: jsonl ${j[k]} vs csv ${o[k]}`);
    }
    assert.equal(j.uptime_hms, o.uptime_hms);
  });
});

test('JSONL: one /api/stats object per line with docs/API.md\'s fields and types', async () => {
  const dir = tmpDir();
  const jsonl = path.join(dir, 'm.jsonl');
  const r = await run(['--count', '2', '--interval', '0.1', '--export-csv', path.join(dir, 'm.csv'), '--export-jsonl', jsonl]);
  assert.equal(r.code, 0, r.stderr);
  const text = fs.readFileSync(jsonl, 'utf8');
  assert.ok(text.endsWith('\n'));
  const objs = readJsonl(jsonl);
  assert.equal(objs.length, 2);
  assert.equal(text.split('\n').length, 3, 'an object spans several lines');
  for (const o of objs) {
    assert.match(o.timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    for (const k of ['cpu_percent', 'ram_percent', 'ram_used_gib', 'ram_total_gib', 'disk_percent',
      'disk_used_gib', 'disk_total_gib', 'uptime_seconds']) {
      assert.equal(typeof o[k], 'number', `${k} is ${typeof o[k]}`);
    }
    assert.equal(o.cpu_percent, 0);
    assert.equal(o.ram_percent, 1.4);
    assert.equal(o.ram_used_gib, 0.08);
    assert.equal(o.ram_total_gib, 23.54);
    assert.equal(o.uptime_seconds, 359.53);
    assert.equal(o.uptime_hms, '00:05:59');
    assert.deepEqual(o.alerts, { cpu: false, ram: false });
    assert.equal(o.alert_active, false);
    assert.equal(o.container, undefined, 'no cgroup limit, yet a container object');
  }
});

test('JSONL: a cgroup v2 limit adds the container object', async () => {
  const dir = tmpDir();
  const jsonl = path.join(dir, 'm.jsonl');
  const e = fixtureEnv({ SYSDASH_CGROUP_ROOT: path.join(FIXTURES, 'cgroup-limited', 'cgroup') });
  const r = await run(['--count', '1', '--export-csv', path.join(dir, 'm.csv'), '--export-jsonl', jsonl], { env: e });
  assert.equal(r.code, 0, r.stderr);
  // 512 MiB limit, 264 - 64 = 200 MiB used (0.1953 -> 0.2 GiB, 39.0625 -> 39.1 %), 2 cores
  assert.deepEqual(readJsonl(jsonl)[0].container, {
    memory_limit_gib: 0.5, memory_used_gib: 0.2, memory_percent: 39.1, cpu_quota_cores: 2,
  });
});

test('--no-export writes no file anywhere', async () => {
  const cwd = tmpDir();
  const home = tmpDir('home');
  const desk = path.join(home, 'Desktop');
  fs.mkdirSync(desk);
  const r = await run(['--count', '2', '--interval', '0.1', '--no-export'], {
    cwd, env: fixtureEnv({ HOME: home, XDG_DESKTOP_DIR: desk }),
  });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(lines(r.stdout).length, 2);
  assert.deepEqual(listFiles(cwd), []);
  assert.deepEqual(listFiles(home), []);
});

// Runs one sample with the given environment and cwd; returns the files
// that appeared under root.
async function exportsLandIn(over, cwd, root) {
  const r = await run(['--count', '1'], { cwd, env: fixtureEnv(over) });
  assert.equal(r.code, 0, r.stderr);
  return listFiles(root);
}

test('default export paths: XDG_DESKTOP_DIR, else ~/Desktop, else the cwd', async () => {
  // XDG_DESKTOP_DIR wins over ~/Desktop
  let root = tmpDir('root');
  let home = path.join(root, 'home');
  fs.mkdirSync(path.join(home, 'Desktop'), { recursive: true });
  fs.mkdirSync(path.join(root, 'xdgdesk'));
  fs.mkdirSync(path.join(root, 'cwd'));
  assert.deepEqual(await exportsLandIn({ HOME: home, XDG_DESKTOP_DIR: path.join(root, 'xdgdesk') },
    path.join(root, 'cwd'), root), ['xdgdesk/metrics.csv', 'xdgdesk/metrics.jsonl']);
  // ~/Desktop when it exists
  root = tmpDir('root');
  home = path.join(root, 'home');
  fs.mkdirSync(path.join(home, 'Desktop'), { recursive: true });
  fs.mkdirSync(path.join(root, 'cwd'));
  assert.deepEqual(await exportsLandIn({ HOME: home }, path.join(root, 'cwd'), root),
    ['home/Desktop/metrics.csv', 'home/Desktop/metrics.jsonl']);
  // no Desktop: the current directory
  root = tmpDir('root');
  home = path.join(root, 'home');
  fs.mkdirSync(home);
  fs.mkdirSync(path.join(root, 'cwd'));
  assert.deepEqual(await exportsLandIn({ HOME: home }, path.join(root, 'cwd'), root),
    ['cwd/metrics.csv', 'cwd/metrics.jsonl']);
});

test('SYSDASH_CSV / SYSDASH_JSONL override the Desktop; flags override both', async () => {
  let root = tmpDir('root');
  const home = path.join(root, 'home');
  fs.mkdirSync(path.join(home, 'Desktop'), { recursive: true });
  fs.mkdirSync(path.join(root, 'cwd'));
  assert.deepEqual(await exportsLandIn({
    HOME: home, SYSDASH_CSV: path.join(root, 'env.csv'), SYSDASH_JSONL: path.join(root, 'env.jsonl'),
  }, path.join(root, 'cwd'), root), ['env.csv', 'env.jsonl']);
  root = tmpDir('root');
  fs.mkdirSync(path.join(root, 'cwd'));
  const r = await run(['--count', '1', '--export-csv', path.join(root, 'flag.csv'),
    '--export-jsonl', path.join(root, 'flag.jsonl')], {
    cwd: path.join(root, 'cwd'),
    env: fixtureEnv({ SYSDASH_CSV: path.join(root, 'env.csv'), SYSDASH_JSONL: path.join(root, 'env.jsonl') }),
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(listFiles(root), ['flag.csv', 'flag.jsonl']);
});

function jsonlTimes(file) {
  return readJsonl(file).map((o) => o.timestamp);
}

test('--interval: samples ~S apart without drift (0.25 s x 5 intervals)', async () => {
  const dir = tmpDir();
  const jsonl = path.join(dir, 'i.jsonl');
  const r = await run(['--interval', '0.25', '--count', '6', '--quiet',
    '--export-csv', path.join(dir, 'i.csv'), '--export-jsonl', jsonl]);
  assert.equal(r.code, 0, r.stderr);
  const ts = jsonlTimes(jsonl);
  assert.equal(ts.length, 6);
  for (let i = 1; i < ts.length; i++) {
    const d = msBetween(ts[i - 1], ts[i]);
    assert.ok(d >= 170 && d <= 330, `samples ${i - 1}->${i} are ${d} ms apart`);
  }
  const span = msBetween(ts[0], ts[5]);
  assert.ok(span >= 1150 && span <= 1400, `5 intervals took ${span} ms`);
});

test('SYSDASH_INTERVAL sets the default interval; --interval overrides it', async () => {
  const dir = tmpDir();
  const a = path.join(dir, 'a.jsonl');
  let r = await run(['--count', '3', '--quiet', '--export-csv', path.join(dir, 'a.csv'), '--export-jsonl', a],
    { env: fixtureEnv({ SYSDASH_INTERVAL: '0.3' }) });
  assert.equal(r.code, 0, r.stderr);
  let ts = jsonlTimes(a);
  let span = msBetween(ts[0], ts[2]);
  assert.ok(span >= 500 && span <= 800, `SYSDASH_INTERVAL=0.3: 2 intervals took ${span} ms`);
  const b = path.join(dir, 'b.jsonl');
  r = await run(['--count', '3', '--interval', '0.1', '--quiet', '--export-csv', path.join(dir, 'b.csv'),
    '--export-jsonl', b], { env: fixtureEnv({ SYSDASH_INTERVAL: '30' }) });
  assert.equal(r.code, 0, r.stderr);
  ts = jsonlTimes(b);
  span = msBetween(ts[0], ts[2]);
  assert.ok(span >= 150 && span <= 450, `--interval 0.1 over SYSDASH_INTERVAL=30: ${span} ms`);
});

test('a broken /proc tree: --once fails (exit 1 or 2) naming the file, and exports no row', async (t) => {
  for (const tree of ['empty', 'garbage', 'truncated', 'letters', 'missing']) {
    await t.test(tree, async () => {
      const dir = tmpDir();
      const csv = path.join(dir, 'b.csv');
      const jsonl = path.join(dir, 'b.jsonl');
      const root = path.join(FIXTURES, tree, 'proc');
      const r = await run(['--once', '--state', path.join(dir, 'state'), '--export-csv', csv, '--export-jsonl', jsonl],
        { env: fixtureEnv({ SYSDASH_PROC_ROOT: root }) });
      assert.equal(r.signal, null, `${tree}: died of ${r.signal}`);
      // --help: 1 when a --once sample fails; 2 when the tree is unusable at start-up
      assert.ok(r.code === 1 || r.code === 2, `${tree}: exit ${r.code}; stdout ${r.stdout}; stderr ${r.stderr}`);
      assert.match(r.stderr, new RegExp(`${root}/(stat|meminfo|uptime)`), `${tree}: ${r.stderr}`);
      assert.doesNotMatch(r.stdout, /CPU:/, `${tree}: printed a sample`);
      const rows = fs.existsSync(csv) ? pyCsv(csv).rows : [];
      assert.equal(rows.length, 0, `${tree}: a row was exported`);
      assert.ok(!fs.existsSync(jsonl) || fs.readFileSync(jsonl, 'utf8') === '', `${tree}: JSONL written`);
    });
  }
});

test('long uptimes keep all their hours: 443045 s prints 123:04:05', async () => {
  const proc = procTree();
  fs.writeFileSync(path.join(proc, 'uptime'), '443045.00 800000.00\n');
  const dir = tmpDir();
  const csv = path.join(dir, 'u.csv');
  const r = await run(['--count', '1', '--export-csv', csv, '--export-jsonl', path.join(dir, 'u.jsonl')],
    { env: fixtureEnv({ SYSDASH_PROC_ROOT: proc }) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(parseLine(lines(r.stdout)[0]).hms, '123:04:05');
  const row = pyCsv(csv).rows[0];
  assert.equal(row[8], '443045.00');
  assert.equal(row[9], '123:04:05');
});

test('a missing SYSDASH_DISK_PATH: --once fails naming the path, no row', async () => {
  const dir = tmpDir();
  const csv = path.join(dir, 'd.csv');
  const missing = path.join(dir, 'no-such-disk');
  const r = await run(['--once', '--state', path.join(dir, 'state'), '--export-csv', csv,
    '--export-jsonl', path.join(dir, 'd.jsonl')], { env: fixtureEnv({ SYSDASH_DISK_PATH: missing }) });
  assert.equal(r.signal, null);
  assert.ok(r.code === 1 || r.code === 2, `exit ${r.code}; stderr ${r.stderr}`);
  assert.ok(r.stderr.includes(missing), r.stderr);
  assert.equal(fs.existsSync(csv) ? pyCsv(csv).rows.length : 0, 0);
});
