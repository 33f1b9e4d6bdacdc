// sampler-rollup.test.mjs: the history tiers the sampler keeps beside its
// CSV (issue 16): built on first use by the daemon and by --once, not with
// --no-rollup, --rebuild-history and its refusals (bad combinations, a
// planted link, a folder it cannot write).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { run, fixtureEnv, tmpDir, cleanup, CSV_HEADER } from './sampler.mjs';

after(cleanup);

const TIERS = ['metrics.csv.rollup-1m', 'metrics.csv.rollup-1h'];

/** A folder with a CSV of n rows a minute apart ending an hour ago. */
function withCsv(n = 600) {
  const dir = tmpDir('rollup');
  const end = Math.floor(Date.now() / 1000) - 3600;
  const lines = [CSV_HEADER];
  for (let i = n; i > 0; i--) {
    const ts = new Date((end - i * 60) * 1000).toISOString().replace('Z', '+00:00');
    lines.push(`${ts},${i % 100}.5,40.0,6.00,15.00,70.0,100.00,250.00,${i}.0,00:00:01,False,False`);
  }
  fs.writeFileSync(path.join(dir, 'metrics.csv'), `${lines.join('\n')}\n`);
  return dir;
}

const exports = (dir) => ['--export-csv', path.join(dir, 'metrics.csv'),
  '--export-jsonl', path.join(dir, 'metrics.jsonl')];

function assertTiers(dir) {
  for (const f of TIERS) {
    const p = path.join(dir, f);
    const st = fs.lstatSync(p);
    assert.ok(st.isFile(), `${f} is not a regular file`);
    assert.equal(st.mode & 0o777, 0o644, `${f} mode`);
    assert.equal(fs.readFileSync(p).subarray(0, 8).toString('latin1'), 'SDROLL1\n');
  }
  assert.equal(fs.statSync(path.join(dir, TIERS[0])).size, 64 + 366 * 1440 * 40);
  assert.equal(fs.statSync(path.join(dir, TIERS[1])).size, 64 + 366 * 24 * 40);
  assert.ok(!fs.existsSync(path.join(dir, `${TIERS[0]}.new`)));
}

test('--rebuild-history builds both tiers from the CSV and exits 0', async () => {
  const dir = withCsv();
  const r = await run(['--rebuild-history', ...exports(dir)]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^rebuilt the history tiers of .*metrics\.csv: 600 rows in \d+\.\d\d s\n$/);
  assertTiers(dir);
  const q = await run(['--rebuild-history', '--quiet', ...exports(dir)]);
  assert.equal(q.code, 0, q.stderr);
  assert.equal(q.stdout, '');
});

test('--rebuild-history with a flag it cannot take: exit 2, nothing written', async () => {
  for (const extra of [['--no-export'], ['--no-rollup'], ['--once'], ['--count', '3']]) {
    const dir = withCsv(3);
    const args = extra[0] === '--no-export' ? ['--rebuild-history', ...extra]
      : ['--rebuild-history', ...extra, ...exports(dir)];
    const r = await run(args, { env: fixtureEnv({ HOME: dir }) });
    assert.equal(r.code, 2, `${extra}: ${r.stderr}`);
    assert.match(r.stderr, /--rebuild-history/);
    for (const f of TIERS) assert.ok(!fs.existsSync(path.join(dir, f)), `${extra} wrote ${f}`);
  }
});

test('--rebuild-history refuses a planted link and names it', async () => {
  const dir = withCsv(10);
  const target = path.join(dir, 'victim');
  fs.writeFileSync(target, 'keep me');
  fs.symlinkSync(target, path.join(dir, `${TIERS[0]}.new`));
  fs.symlinkSync(target, path.join(dir, 'metrics.csv.rollup.lock'));
  const r = await run(['--rebuild-history', ...exports(dir)]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /rollup\.lock: is a symbolic link \(refused\)/);
  assert.equal(fs.readFileSync(target, 'utf8'), 'keep me');
  fs.unlinkSync(path.join(dir, 'metrics.csv.rollup.lock'));
  // the stale .new link of a killed build is removed, never written through
  const ok = await run(['--rebuild-history', ...exports(dir)]);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(fs.readFileSync(target, 'utf8'), 'keep me');
  assertTiers(dir);
});

test('the daemon builds missing tiers on first use, 10 s after its start; --no-rollup leaves none', async () => {
  const dir = withCsv();
  // a short run leaves nothing but its exports
  const short = await run(['--quiet', '--interval', '0.2', '--count', '5', ...exports(dir)]);
  assert.equal(short.code, 0, short.stderr);
  assert.deepEqual(fs.readdirSync(dir).sort(), ['metrics.csv', 'metrics.jsonl']);
  const r = await run(['--quiet', '--interval', '0.5', '--count', '24', ...exports(dir)], { timeout: 30000 });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
  assertTiers(dir);
  const off = withCsv();
  const n = await run(['--quiet', '--no-rollup', '--interval', '0.2', '--count', '3', ...exports(off)]);
  assert.equal(n.code, 0, n.stderr);
  assert.deepEqual(fs.readdirSync(off).sort(), ['metrics.csv', 'metrics.jsonl']);
});

test('--once builds them in place (cron has no loop to wait for)', async () => {
  const dir = withCsv();
  const r = await run(['--once', '--quiet', '--state', path.join(dir, 's.state'), ...exports(dir)]);
  assert.equal(r.code, 0, r.stderr);
  assertTiers(dir);
});

test('a lock path that is not a file: said once, sampling goes on', async () => {
  const dir = withCsv(5);
  fs.mkdirSync(path.join(dir, 'metrics.csv.rollup.lock'));
  const r = await run(['--interval', '1', '--count', '13', ...exports(dir)], { timeout: 30000 });
  assert.equal(r.code, 0);
  assert.equal(r.stdout.split('\n').filter(Boolean).length, 13);
  assert.equal(r.stderr.match(/history tiers: open .*rollup\.lock: /g)?.length, 1, r.stderr);
  assert.match(r.stderr, /\(sampling goes on\)/);
});
