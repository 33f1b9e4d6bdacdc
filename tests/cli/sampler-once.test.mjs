// sampler-once.test.mjs: --once, the cron mode: CPU percent against the
// counters the previous run saved in the state file, the ~250 ms sample
// when there is no usable state, and where the state file lives.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { run, fixtureEnv, procTree, tmpDir, cleanup, pyCsv, LINE_RE } from './sampler.mjs';

after(cleanup);

// tests/fixtures/real/proc/stat's aggregate line is
//   cpu  3329 0 2026 65877 424 0 91 5 0 0   (busy 5451, total 71752)
// B adds user 150, system 50, idle 700, iowait 100:
//   busy +200, total +1000 -> 20.0 %
// C adds user 900, idle 100 to B: busy +900, total +1000 -> 90.0 %
const STAT_A = 'cpu  3329 0 2026 65877 424 0 91 5 0 0\n';
const STAT_B = 'cpu  3479 0 2076 66577 524 0 91 5 0 0\n';
const STAT_C = 'cpu  4379 0 2076 66677 524 0 91 5 0 0\n';

function setStat(proc, aggregate) {
  const rest = fs.readFileSync(path.join(proc, 'stat'), 'utf8').split('\n').slice(1).join('\n');
  fs.writeFileSync(path.join(proc, 'stat'), aggregate + rest);
}

async function once(e, dir, extra = []) {
  const r = await run(['--once', '--export-csv', path.join(dir, 'm.csv'),
    '--export-jsonl', path.join(dir, 'm.jsonl'), ...extra], { env: e });
  assert.equal(r.signal, null, `died of ${r.signal}`);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stdout);
  const m = LINE_RE.exec(lines[0]);
  assert.ok(m, `bad line: ${lines[0]}`);
  return { ...r, g: m.groups };
}

test('without state --once samples for ~250 ms and saves the counters', async () => {
  const dir = tmpDir();
  const state = path.join(dir, 'state', 'sampler.state');
  const e = fixtureEnv({ SYSDASH_PROC_ROOT: procTree() });
  const r = await once(e, dir, ['--state', state]);
  // the fixture does not move during the window: 0.0
  assert.equal(r.g.cpu, '  0.0');
  assert.ok(r.ms >= 200, `no-state --once took only ${r.ms} ms: it did not sample a window`);
  assert.ok(r.ms < 3000, `no-state --once took ${r.ms} ms`);
  assert.ok(fs.existsSync(state), 'no state file saved');
  assert.ok(fs.statSync(state).size > 0);
});

test('--once gives exactly the percent between the previous run\'s counters and now', async () => {
  const dir = tmpDir();
  const proc = procTree();
  const state = path.join(dir, 'sampler.state');
  const e = fixtureEnv({ SYSDASH_PROC_ROOT: proc });
  setStat(proc, STAT_A);
  let r = await once(e, dir, ['--state', state]);
  assert.equal(r.g.cpu, '  0.0');
  setStat(proc, STAT_B);
  r = await once(e, dir, ['--state', state]);
  assert.equal(r.g.cpu, ' 20.0', 'A -> B is 200 / 1000 busy ticks');
  assert.equal(r.g.cpuAlert, undefined);
  setStat(proc, STAT_C);
  r = await once(e, dir, ['--state', state]);
  assert.equal(r.g.cpu, ' 90.0', 'B -> C is 900 / 1000 busy ticks');
  assert.equal(r.g.cpuAlert, ' !!', '90.0 >= CPU_ALERT 80');
  const { rows } = pyCsv(path.join(dir, 'm.csv'));
  assert.deepEqual(rows.map((x) => [x[1], x[10]]), [['0.0', 'False'], ['20.0', 'False'], ['90.0', 'True']]);
});

test('counters that went backwards (a reboot between runs) give 0.0, not garbage', async () => {
  const dir = tmpDir();
  const proc = procTree();
  const state = path.join(dir, 'sampler.state');
  const e = fixtureEnv({ SYSDASH_PROC_ROOT: proc });
  setStat(proc, STAT_C);
  await once(e, dir, ['--state', state]);
  setStat(proc, STAT_A);
  const r = await once(e, dir, ['--state', state]);
  assert.equal(r.g.cpu, '  0.0');
  // and the state now holds A: A -> B is 20.0 again
  setStat(proc, STAT_B);
  assert.equal((await once(e, dir, ['--state', state])).g.cpu, ' 20.0');
});

test('a corrupt, empty or hostile state file is ignored: ~250 ms sample, then rewritten', async () => {
  const big = '9'.repeat(2 * 1024 * 1024);
  const bads = ['', 'garbage\n', '\0\0\0\xff\xfe', 'sysdash-cpu 1 x y z\n', `sysdash-cpu 1 ${big}\n`,
    'sysdash-cpu 1 1795633413 -5 -9 1\n', 'sysdash-cpu 1 1795633413 100 200 nan\n',
    'sysdash-cpu 1 1795633413 71752 99999 1795634576.887\n'];
  for (const bad of bads) {
    const dir = tmpDir();
    const proc = procTree();
    const state = path.join(dir, 'sampler.state');
    const e = fixtureEnv({ SYSDASH_PROC_ROOT: proc });
    fs.writeFileSync(state, bad);
    const what = JSON.stringify(bad.slice(0, 40));
    const r = await once(e, dir, ['--state', state]);
    assert.equal(r.g.cpu, '  0.0', `state ${what}`);
    setStat(proc, STAT_B);
    const r2 = await once(e, dir, ['--state', state]);
    assert.equal(r2.g.cpu, ' 20.0', `state ${what} was not replaced by good counters`);
  }
});

// Where --once keeps its state: --state, else $SYSDASH_DATA_DIR/sampler.state,
// else $XDG_STATE_HOME/sysdash/sampler.state, else
// ~/.local/state/sysdash/sampler.state (directories created as needed).
test('state file location and precedence', async () => {
  const root = tmpDir('state');
  const home = path.join(root, 'home');
  fs.mkdirSync(home);
  const flag = path.join(root, 'flag.state');
  const data = path.join(root, 'data');
  fs.mkdirSync(data);
  const xdg = path.join(root, 'xdg');
  const paths = {
    flag,
    data: path.join(data, 'sampler.state'),
    xdg: path.join(xdg, 'sysdash', 'sampler.state'),
    home: path.join(home, '.local', 'state', 'sysdash', 'sampler.state'),
  };
  const exists = () => Object.fromEntries(Object.entries(paths).map(([k, p]) => [k, fs.existsSync(p)]));
  const e = (over) => fixtureEnv({ HOME: home, ...over });
  const out = tmpDir();
  await once(e({ SYSDASH_DATA_DIR: data, XDG_STATE_HOME: xdg }), out, ['--state', flag]);
  assert.deepEqual(exists(), { flag: true, data: false, xdg: false, home: false });
  await once(e({ SYSDASH_DATA_DIR: data, XDG_STATE_HOME: xdg }), out);
  assert.deepEqual(exists(), { flag: true, data: true, xdg: false, home: false });
  await once(e({ XDG_STATE_HOME: xdg }), out);
  assert.deepEqual(exists(), { flag: true, data: true, xdg: true, home: false });
  await once(e({}), out);
  assert.deepEqual(exists(), { flag: true, data: true, xdg: true, home: true });
});

test('an unusable state path is reported, and the sample still comes', async () => {
  const dir = tmpDir();
  const r = await once(fixtureEnv(), dir, ['--state', dir]); // a directory
  assert.match(r.stderr, new RegExp(dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), r.stderr);
  assert.equal(r.g.ram, '  1.4');
});

// rename() replaces whatever the path names: --state /dev/null, run as
// root, once replaced the machine's /dev/null with a regular file. A FIFO
// (and a link) stands in for it here: it must still be there afterwards.
test('--state naming a FIFO or a link: left in place, said on stderr, the row still written', async () => {
  const dir = tmpDir('once-odd-state');
  const e = fixtureEnv();
  for (const [name, make] of [
    ['fifo', (p) => spawnSync('mkfifo', [p])],
    ['link', (p) => fs.symlinkSync(path.join(dir, 'elsewhere'), p)],
  ]) {
    const state = path.join(dir, name);
    make(state);
    const csv = path.join(dir, `${name}.csv`);
    const r = await run(['--once', '--quiet', '--state', state, '--export-csv', csv,
      '--export-jsonl', path.join(dir, `${name}.jsonl`)], { env: e });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /save state .*(not a regular file|symbolic link)/, r.stderr);
    const st = fs.lstatSync(state);
    assert.ok(name === 'fifo' ? st.isFIFO() : st.isSymbolicLink(), `${name} replaced`);
    assert.equal(fs.existsSync(path.join(dir, 'elsewhere')), false);
    assert.equal(fs.readFileSync(csv, 'utf8').split('\n').length, 3);
  }
});
