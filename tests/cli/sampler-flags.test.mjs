// sampler-flags.test.mjs: sysdash-sampler's flags and environment: --help,
// --version, unknown flags, and every bad value (exit 2, a message naming
// the flag or variable and the value, nothing written anywhere).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { BIN, run, start, env, fixtureEnv, tmpDir, cleanup, listFiles, LINE_RE } from './sampler.mjs';

after(cleanup);

test('the sampler binary exists', () => {
  assert.ok(fs.existsSync(BIN), `${BIN} missing: build it (make B=...) or set SYSDASH_BIN_DIR`);
});

test('--help prints usage naming every flag on stdout, exit 0, nothing written', async () => {
  const cwd = tmpDir();
  const e = env();
  const r = await run(['--help'], { cwd, env: e });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /usage/i);
  for (const flag of ['--interval', '--count', '--once', '--export-csv', '--export-jsonl',
    '--no-export', '--state', '--quiet', '--help', '--version']) {
    assert.ok(r.stdout.includes(flag), `--help does not mention ${flag}`);
  }
  assert.equal(r.stderr, '');
  assert.deepEqual(listFiles(cwd), []);
  assert.deepEqual(listFiles(e.HOME), []);
});

test('--version prints exactly "sysdash-sampler 0.1.0"', async () => {
  const r = await run(['--version'], { env: env() });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'sysdash-sampler 0.1.0\n');
});

// Runs args in an empty cwd and HOME (XDG_DESKTOP_DIR and explicit paths
// pointing there too) and checks: exit 2, stderr names `needle` and every
// string in `also`, no stdout line, and not one file anywhere.
async function expectUsageError(args, needles, over = {}) {
  const cwd = tmpDir('cwd');
  const home = tmpDir('home');
  const desk = path.join(home, 'Desktop');
  fs.mkdirSync(desk);
  const e = fixtureEnv({ HOME: home, XDG_DESKTOP_DIR: desk, XDG_STATE_HOME: path.join(home, 'state'), ...over });
  const r = await run(args, { cwd, env: e });
  const what = `sampler ${JSON.stringify(args)} ${JSON.stringify(over)}`;
  assert.equal(r.signal, null, `${what} died of ${r.signal}`);
  assert.equal(r.code, 2, `${what} exit ${r.code}; stderr: ${r.stderr}`);
  for (const n of needles) {
    assert.ok(r.stderr.includes(n), `${what}: stderr does not name ${JSON.stringify(n)}: ${r.stderr}`);
  }
  assert.doesNotMatch(r.stdout, /CPU:/, `${what} sampled anyway`);
  assert.deepEqual(listFiles(cwd), [], `${what} wrote into the cwd`);
  assert.deepEqual(listFiles(home), [], `${what} wrote into HOME`);
  return r;
}

test('bad --interval values: exit 2 naming the flag and the value, nothing written', async () => {
  for (const v of ['0', '-1', 'nan', 'inf', 'abc', '1e999', '99999999', '', '0.05', '86401', '2s', '-inf']) {
    await expectUsageError(['--interval', v, '--count', '1'], ['--interval', v || '--interval']);
  }
});

test('bad --count values: exit 2 naming the flag and the value', async () => {
  for (const v of ['0', '-1', 'abc', '1.5', '1000000001', '99999999999999999999', '', '1e3', '5x']) {
    await expectUsageError(['--count', v], ['--count', v || '--count']);
  }
});

test('a flag without its value, and unknown flags: exit 2', async () => {
  await expectUsageError(['--interval'], ['--interval']);
  await expectUsageError(['--count'], ['--count']);
  await expectUsageError(['--export-csv'], ['--export-csv']);
  await expectUsageError(['--export-jsonl'], ['--export-jsonl']);
  await expectUsageError(['--state'], ['--state']);
  await expectUsageError(['--bogus'], ['--bogus']);
  await expectUsageError(['-x'], ['-x']);
  await expectUsageError(['stray'], ['stray']);
});

test('bad CPU_ALERT / RAM_ALERT / SYSDASH_INTERVAL: exit 2 naming the variable', async () => {
  for (const v of ['abc', '101', '-1', 'nan', 'inf', '80%', '1e999']) {
    await expectUsageError(['--count', '1'], ['CPU_ALERT'], { CPU_ALERT: v });
    await expectUsageError(['--count', '1'], ['RAM_ALERT'], { RAM_ALERT: v });
  }
  for (const v of ['0', '-2', 'abc', 'nan', '86401']) {
    await expectUsageError(['--count', '1'], ['SYSDASH_INTERVAL'], { SYSDASH_INTERVAL: v });
  }
});

test('a bad --interval is refused even when SYSDASH_INTERVAL is good', async () => {
  await expectUsageError(['--interval', '0', '--count', '1'], ['--interval'], { SYSDASH_INTERVAL: '1' });
});

test('interval bounds 0.1 and 86400 are accepted; --count 1 never sleeps after its sample', async () => {
  for (const v of ['0.1', '86400']) {
    const r = await run(['--interval', v, '--count', '1', '--no-export']);
    assert.equal(r.code, 0, `--interval ${v}: ${r.stderr}`);
    const lines = r.stdout.split('\n').filter(Boolean);
    assert.equal(lines.length, 1, r.stdout);
    assert.match(lines[0], LINE_RE);
    assert.ok(r.ms < 5000, `--interval ${v} --count 1 took ${r.ms} ms`);
  }
});

test('--count 1000000000 (the upper bound) is accepted', async () => {
  const s = start(['--count', '1000000000', '--interval', '86400', '--no-export']);
  await s.waitLines(1);
  s.child.kill('SIGTERM');
  const r = await s.done;
  assert.equal(r.signal, null);
  assert.equal(r.code, 0, r.stderr);
  assert.match(s.lines()[0], LINE_RE);
});
