// history.test.mjs: /api/history through nginx and history.fcgi over the
// fixture CSVs of tests/fixtures/history (every tolerance case of issue 4),
// limit= values, and files that change under a running worker.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { REPO, startStack } from '../lib/stack.mjs';

const FIX = path.join(REPO, 'tests', 'fixtures', 'history');
const HEADER = 'timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib,disk_percent,' +
  'disk_used_gib,disk_total_gib,uptime_seconds,uptime_hms,cpu_alert,ram_alert';

const row = (timestamp, cpu, ram, disk, hms) =>
  ({ timestamp, cpu_percent: cpu, ram_percent: ram, disk_percent: disk, uptime_hms: hms });

/** n generated rows; row i has cpu i % 101 and a timestamp counting seconds. */
function bigCsv(n) {
  const lines = [HEADER];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2026, 0, 1, 0, 0, 0) + i * 1000).toISOString().replace('Z', '+00:00');
    lines.push(`${t},${i % 101}.0,50.5,7.0,15.57,60.0,100.0,233.67,${i}.0,00:00:00,False,False`);
  }
  return `${lines.join('\n')}\n`;
}

describe('/api/history', () => {
  let stack;
  let csv;

  const get = async (query = '') => {
    const r = await fetch(`${stack.base}/api/history${query}`);
    assert.equal(r.status, 200, query);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    const body = await r.json();
    assert.deepEqual(Object.keys(body).sort(), ['count', 'data']);
    assert.equal(body.count, body.data.length);
    return body;
  };
  const use = async (name, rotated) => {
    await copyFile(path.join(FIX, name), csv);
    if (rotated) await copyFile(path.join(FIX, rotated), `${csv}.1`);
  };

  before(async () => {
    // no sampler: the fixtures are the only writers of the CSV
    stack = await startStack({ env: { SYSDASH_SAMPLER: '0' } });
    csv = path.join(stack.dataDir, 'metrics.csv');
  });
  after(async () => {
    await stack?.stop();
  });
  beforeEach(async () => {
    await rm(csv, { force: true });
    await rm(`${csv}.1`, { force: true });
  });

  it('no file: count 0', async () => {
    assert.deepEqual(await get(), { count: 0, data: [] });
  });

  it('empty and header-only files: count 0', async () => {
    await use('empty.csv');
    assert.deepEqual(await get(), { count: 0, data: [] });
    await use('header-only.csv');
    assert.deepEqual(await get(), { count: 0, data: [] });
  });

  it("the sampler's file, oldest first, numbers as the old tool printed them", async () => {
    await use('ours.csv');
    const h = await get();
    assert.equal(h.count, 5);
    assert.deepEqual(h.data[0], row('2026-11-24T10:15:30.123+01:00', 12.5, 43.1, 61.2, '123:05:05'));
    assert.deepEqual(h.data[4], row('2026-11-24T10:15:38.127+01:00', 100, 43, 61.3, '123:05:13'));
    const text = await (await fetch(`${stack.base}/api/history?limit=1`)).text();
    assert.match(text, /"cpu_percent":100\.0,"ram_percent":43\.0,/);
  });

  it('numbers printed exactly as Python printed float(field)', async () => {
    // random values with 0 to 4 decimals, a few written oddly
    const texts = [];
    let seed = 12345;
    const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
    for (let i = 0; i < 300; i++) texts.push((rnd() * 100).toFixed(Math.floor(rnd() * 5)));
    texts.push('0', '100', '5.', '.5', '007.50', '99.99999999999999', '0.0001', '0.00001', '1e1', '2.5E+1');
    const lines = [HEADER];
    texts.forEach((t, i) => lines.push(`2026-01-01T00:00:${String(i % 60).padStart(2, '0')},${t},${t},1,1,${t},1,1,1,00:00:01,False,False`));
    await writeFile(csv, `${lines.join('\n')}\n`);
    const py = execFileSync('/usr/bin/python3', ['-c',
      'import json, sys; print(json.dumps([json.dumps(float(t)) for t in sys.argv[1:]]))', ...texts]);
    const want = JSON.parse(py);
    const body = await (await fetch(`${stack.base}/api/history?limit=500`)).text();
    const got = [...body.matchAll(/"cpu_percent":([^,]+),"ram_percent":([^,]+),"disk_percent":([^,]+),/g)];
    assert.equal(got.length, texts.length);
    got.forEach((m, i) => {
      assert.equal(m[1], want[i], `cpu ${texts[i]}`);
      assert.equal(m[2], want[i], `ram ${texts[i]}`);
      assert.equal(m[3], want[i], `disk ${texts[i]}`);
    });
  });

  it("the old tool's naive timestamps", async () => {
    await use('old-tool.csv');
    const h = await get();
    assert.deepEqual(h.data.map((r) => r.timestamp),
      ['2025-12-27T18:59:36.829610', '2025-12-27T18:59:38.901234', '2025-12-27T18:59:40.977001']);
    assert.deepEqual(h.data[1], row('2025-12-27T18:59:38.901234', 81.2, 55.4, 48.9, '01:00:02'));
  });

  it('a last line still being written is skipped', async () => {
    await use('partial-last.csv');
    const h = await get();
    assert.equal(h.count, 3);
    assert.equal(h.data[2].timestamp, '2026-11-24T10:15:34.125+01:00');
  });

  it('CRLF line endings and a BOM', async () => {
    await use('crlf.csv');
    const h = await get();
    assert.deepEqual(h.data, [
      row('2026-11-24T09:00:00.000+01:00', 1.5, 30, 50, '02:00:00'),
      row('2026-11-24T09:00:02.000+01:00', 2.5, 30.5, 50, '02:00:02'),
      row('2026-11-24T09:00:04.000+01:00', 3.5, 31, 50.1, '02:00:04'),
    ]);
  });

  it('rows with bad numbers are skipped; the limit counts good rows', async () => {
    await use('bad-numbers.csv');
    assert.deepEqual((await get()).data, [
      row('2026-11-24T10:00:00.000+01:00', 10, 20, 30, '01:00:00'),
      row('2026-11-24T10:00:24.000+01:00', 13.5, 22.5, 31.5, '01:00:24'),
      row('2026-11-24T10:00:28.000+01:00', 15.25, 24, 32, '01:00:28'),
    ]);
    assert.deepEqual((await get('?limit=2')).data.map((r) => r.cpu_percent), [13.5, 15.25]);
  });

  it('columns found by header name, in any order', async () => {
    await use('reordered.csv');
    assert.deepEqual((await get()).data, [
      row('2026-11-24T11:00:00.000+01:00', 5.5, 40.25, 70.5, '00:10:00'),
      row('2026-11-24T11:00:02.000+01:00', 6, 40.5, 70.5, '00:10:02'),
    ]);
  });

  it('a header repeated mid-file, and one in another order', async () => {
    await use('header-mid.csv');
    const h = await get();
    assert.deepEqual(h.data.map((r) => [r.cpu_percent, r.ram_percent, r.disk_percent, r.uptime_hms]), [
      [1, 11, 21, '00:01:00'], [2, 12, 22, '00:01:02'], [3, 13, 23, '00:01:04'],
      [4, 14, 24, '00:01:06'], [5, 15, 25, '00:01:08'],
    ]);
    assert.deepEqual((await get('?limit=2')).data.map((r) => r.cpu_percent), [4, 5]);
  });

  it('a file without a header is read in docs/API.md column order', async () => {
    await use('noheader.csv');
    assert.deepEqual((await get()).data.map((r) => r.cpu_percent), [50, 51]);
  });

  it('fewer rows than asked: the older ones come from metrics.csv.1', async () => {
    await use('rotated/metrics.csv', 'rotated/metrics.csv.1');
    assert.deepEqual((await get('?limit=5')).data.map((r) => r.timestamp), [
      '2026-11-23T23:59:54.000+01:00', '2026-11-23T23:59:56.000+01:00',
      '2026-11-23T23:59:58.000+01:00', '2026-11-24T00:00:00.000+01:00',
      '2026-11-24T00:00:02.000+01:00',
    ]);
    assert.equal((await get('?limit=2')).data[0].timestamp, '2026-11-24T00:00:00.000+01:00');
    assert.equal((await get()).count, 6);
    await use('rotated-fresh/metrics.csv', 'rotated-fresh/metrics.csv.1');
    assert.equal((await get()).count, 4);
  });

  it('limit: default 200, clamped to 1..500, a non-number is 200, the first one counts', async () => {
    await writeFile(csv, bigCsv(600));
    const cases = [
      ['', 200], ['?limit=0', 1], ['?limit=-5', 1], ['?limit=501', 500], ['?limit=500', 500],
      ['?limit=abc', 200], ['?limit=', 200], ['?limit=5&limit=7', 5], ['?limit=7&limit=abc', 7],
      ['?limit=1', 1], ['?limit=99999999999999999999', 500], ['?limit=%2B9', 9], ['?limit=3.5', 200],
      ['?LIMIT=3', 200], ['?other=1&limit=4', 4],
    ];
    for (const [query, want] of cases) {
      const h = await get(query);
      assert.equal(h.count, want, `limit ${query}`);
      // always the last rows, oldest first
      assert.equal(h.data[h.count - 1].cpu_percent, 599 % 101, query);
      assert.equal(h.data[0].cpu_percent, (600 - want) % 101, query);
    }
  });

  it('follows the file as it grows, is rotated, or turns unreadable', async () => {
    await writeFile(csv, `${HEADER}\n`);
    assert.equal((await get()).count, 0);
    await writeFile(csv, bigCsv(3));
    assert.equal((await get()).count, 3);
    // rotated by logrotate: a new empty file, the old one as .1
    await copyFile(csv, `${csv}.1`);
    await writeFile(csv, '');
    assert.equal((await get()).count, 3);
    // unreadable (as root serve runs the workers as the nginx user; as
    // anyone else mode 000 stops the owner too): a JSON 500 naming the
    // file, not its folder
    await chmod(csv, 0o000);
    const r = await fetch(`${stack.base}/api/history`);
    assert.equal(r.status, 500);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.deepEqual(await r.json(), { error: 'read metrics.csv: Permission denied' });
    await chmod(csv, 0o644);
    assert.equal((await get()).count, 3);
  });
});
