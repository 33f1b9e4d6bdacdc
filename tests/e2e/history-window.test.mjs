// history-window.test.mjs: GET /api/history?since=&until=&points= through
// nginx and history.fcgi over a generated 30-day CSV at 2 s (1.3 M rows,
// the oldest third rotated to metrics.csv.1, a sparse older year in
// metrics.csv.2.gz), compared with a recomputation from the rows here;
// tiers built on first use and by --rebuild-history, a build SIGKILLed
// halfway, and every bad parameter.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN_DIR, startStack } from '../lib/stack.mjs';
import { fromAnswer, recompute, widthFor, writeHistory } from '../lib/history-data.mjs';

const SAMPLER = path.join(BIN_DIR, 'sysdash-sampler');
const HOUR = 3600;
const DAY = 86400;

describe('/api/history windows', () => {
  let stack;
  let dataDir;
  let csv;
  let rows;
  let until;

  const get = async (query) => {
    const r = await fetch(`${stack.base}/api/history?${query}`);
    const body = await r.json();
    assert.equal(r.status, 200, `${query}: ${JSON.stringify(body)}`);
    return body;
  };

  /** The answer for [until - span, until) equals the recomputation. */
  const same = async (span, points = 300, end = until) => {
    const since = end - span;
    const body = await get(`since=${since}&until=${end}${points === 300 ? '' : `&points=${points}`}`);
    const w = widthFor(span, points);
    assert.equal(body.resolution_seconds, w, `width of ${span} s`);
    const want = recompute(rows, since, end, w);
    assert.equal(body.since, want.A);
    assert.equal(body.until, want.B);
    assert.equal(body.count, body.data.length);
    assert.ok(body.count <= points + 1);
    const got = fromAnswer(body);
    assert.equal(got.length, want.points.length, `points of ${span} s`);
    for (let i = 0; i < got.length; i++) assert.deepEqual(got[i], want.points[i], `bucket ${i} of ${span} s`);
    assert.equal(body.rows, want.points.reduce((s, p) => s + p.count, 0));
    return body;
  };

  const tierFiles = () => ['metrics.csv.rollup-1m', 'metrics.csv.rollup-1h']
    .map((f) => path.join(dataDir, f));

  const rebuild = () => spawnSync(SAMPLER, ['--rebuild-history', '--quiet', '--export-csv', csv,
    '--export-jsonl', path.join(dataDir, 'metrics.jsonl')], { encoding: 'utf8' });

  before(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'sysdash-hist-'));
    csv = path.join(dataDir, 'metrics.csv');
    until = Math.floor(Date.now() / 1000) - 120;
    rows = writeHistory(dataDir, { days: 30, step: 2, end: until, rotate: true });
    assert.ok(rows.n > 1290000, `${rows.n} rows`);
    stack = await startStack({ dataDir, env: { SYSDASH_SAMPLER: '0', TZ: 'UTC' } });
  });
  after(async () => {
    await stack?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('tiers are built on first use; 1 h, 24 h, 7 d, 30 d and 1 y match the rows', async () => {
    assert.ok(!existsSync(tierFiles()[0]));
    const first = await same(HOUR);
    assert.equal(first.tier_seconds, 1);
    for (const f of tierFiles()) assert.ok(statSync(f).isFile(), f);
    assert.equal((await same(DAY)).tier_seconds, 60);
    assert.equal((await same(7 * DAY)).tier_seconds, 60);
    const month = await same(30 * DAY);
    assert.equal(month.tier_seconds, 3600);
    // the 6 h gap of day 10 is missing buckets, not zeros
    assert.ok(month.data.every((p) => p.count > 0));
    const year = await same(365 * DAY);
    assert.equal(year.resolution_seconds, 108000);
    // the sparse old year in metrics.csv.2.gz is in it, with its gap
    assert.ok(Date.parse(year.data[0].timestamp) / 1000 < until - 199 * DAY);
    // a one-row spike a day stays visible at every width (the exact
    // buckets are checked above; here: they are there at all)
    assert.ok(month.data.filter((p) => p.cpu_percent_max === 100).length >= 28);
    assert.ok(year.data.filter((p) => p.cpu_percent_max === 100).length >= 20);
    assert.ok(month.data.every((p) => p.cpu_percent < 60));
  });

  it('zoomed windows: rows at full resolution, across the rotation and a gap', async () => {
    const cut = rows.t[Math.floor((rows.n - 14400) / 3) + 14400];
    await same(2 * HOUR, 1000, cut + HOUR); // metrics.csv.1 then metrics.csv
    await same(10 * 60, 300, until - 20 * DAY + 6 * HOUR + 120); // the gap's end
    await same(12 * HOUR, 300, until - 5 * DAY);
    const empty = await get(`since=${until - 30 * DAY + 10 * DAY + 60}&until=${until - 30 * DAY + 10 * DAY + 2 * HOUR}`);
    assert.equal(empty.count, 0);
    assert.deepEqual(empty.data, []);
  });

  it('ISO 8601 times and relative since', async () => {
    const iso = (t) => new Date(t * 1000).toISOString().replace('.000Z', '+00:00');
    const a = await get(`since=${encodeURIComponent(iso(until - DAY))}&until=${encodeURIComponent(iso(until))}`);
    const b = await get(`since=${until - DAY}&until=${until}`);
    assert.deepEqual(a, b);
    const c = await get(`since=-${DAY}&until=${until}`);
    assert.deepEqual(c, b);
    const naive = await get(`since=${iso(until - DAY).slice(0, 19)}&until=${until}`); // local: TZ=UTC
    assert.deepEqual(naive, b);
    // all: from the oldest row (in metrics.csv.2.gz) to just after the newest
    const all = await get('since=all');
    const span = rows.t[rows.n - 1] + 1 - rows.t[0];
    assert.equal(all.resolution_seconds, widthFor(span, 300));
    assert.equal(all.since, Math.floor(rows.t[0] / all.resolution_seconds) * all.resolution_seconds);
    assert.equal(all.rows, rows.n);
  });

  it('bad values: a JSON 400 naming the parameter; limit= is unchanged', async () => {
    const cases = [
      ['since=abc', /^since: /], ['since=', /^since: /], ['since=2026-13-01', /^since: /],
      ['since=1e9', /^since: /], ['since=-', /^since: /], [`since=${until}&until=x`, /^until: /],
      [`since=${until}&until=${until - 10}`, /^since: must be before until/],
      [`since=${until}&until=${until}`, /^since: must be before until/],
      [`since=${until - 6 * 365 * DAY}&until=${until}`, /^since: .*5 years/],
      [`since=${until - DAY}&points=9`, /^points: /], [`since=${until - DAY}&points=1001`, /^points: /],
      [`since=${until - DAY}&points=3.5`, /^points: /], [`since=${until - DAY}&points=`, /^points: /],
      ['points=300', /^since: required/], [`until=${until}`, /^since: required/],
      [`since=${'9'.repeat(2000)}`, /./],
    ];
    for (const [q, re] of cases) {
      const r = await fetch(`${stack.base}/api/history?${q}`);
      assert.equal(r.status, 400, q);
      assert.equal(r.headers.get('content-type'), 'application/json');
      const body = await r.json();
      assert.match(body.error, re, q);
    }
    const old = await get('limit=3');
    assert.deepEqual(Object.keys(old).sort(), ['count', 'data']);
    assert.equal(old.count, 3);
    assert.equal(old.data[2].timestamp, new Date(until * 1000 - 2000).toISOString().replace('Z', '+00:00'));
  });

  it('a tier build SIGKILLed halfway leaves correct answers, before and after a restart', async () => {
    let r = rebuild();
    assert.equal(r.status, 0, r.stderr);
    const t0 = Date.now();
    r = rebuild();
    const full = Date.now() - t0;
    const before1m = statSync(tierFiles()[0]);
    // kill one halfway: the old tiers stay as they were
    const killAt = async () => {
      const child = spawn(SAMPLER, ['--rebuild-history', '--quiet', '--export-csv', csv,
        '--export-jsonl', path.join(dataDir, 'metrics.jsonl')]);
      const fresh = `${tierFiles()[0]}.new`;
      const deadline = Date.now() + 10000;
      while (!existsSync(fresh) && Date.now() < deadline) await new Promise((res) => setTimeout(res, 2));
      await new Promise((res) => setTimeout(res, Math.max(1, full / 3)));
      child.kill('SIGKILL');
      const [, sig] = await new Promise((res) => child.once('exit', (...a) => res(a)));
      return sig;
    };
    assert.equal(await killAt(), 'SIGKILL', 'the build finished before the kill: nothing was tested');
    assert.equal(statSync(tierFiles()[0]).ino, before1m.ino);
    await same(30 * DAY);
    await same(7 * DAY);
    // no tiers at all and a build killed: the rows answer, then first use builds
    for (const f of tierFiles()) rmSync(f);
    assert.equal(await killAt(), 'SIGKILL');
    assert.ok(!existsSync(tierFiles()[0]));
    await stack.stop();
    stack = await startStack({ dataDir, env: { SYSDASH_SAMPLER: '0', TZ: 'UTC' } });
    await same(30 * DAY);
    assert.ok(existsSync(tierFiles()[0]));
    await same(DAY);
    await same(365 * DAY);
  });
});
