// history-data.mjs: a long metrics CSV generated fast for the history
// window tests and scripts/bench-history (issue 16): rows every `step`
// seconds up to `end`, with gaps (the machine off) and one-row spikes, and
// a straightforward recomputation of the buckets an answer should hold.
//
//   const d = writeHistory(dir, { days: 30, step: 2, end, rotate: true });
//   const want = recompute(d, since, until, width);
import { closeSync, openSync, writeSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export const HEADER = 'timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib,' +
  'disk_percent,disk_used_gib,disk_total_gib,uptime_seconds,uptime_hms,cpu_alert,ram_alert';

const DAY = 86400;

/** Values in tenths of a percent for row i: deterministic, jumpy CPU. */
function values(i) {
  const cpu = (i * 7919 + ((i * i) % 97) * 13) % 1000;
  const ram = 300 + ((i >> 5) % 400);
  const disk = 600 + ((i >> 12) % 50);
  return [cpu, ram, disk];
}

const tenths = (k) => `${Math.floor(k / 10)}.${k % 10}`;

function stamp(t, naive) {
  const iso = new Date(t * 1000).toISOString(); // 2026-01-01T00:00:00.000Z
  return naive ? iso.slice(0, 19) + '.500000' : `${iso.slice(0, 23)}+00:00`;
}

/** Writes rows [from, to) of the series to file (gzip'd when gz). */
function writeRows(file, rows, from, to, { naive = false, gz = false } = {}) {
  const parts = [`${HEADER}\n`];
  let chunk = [];
  const fd = gz ? null : openSync(file, 'w');
  const flush = () => {
    const s = chunk.join('');
    chunk = [];
    if (gz) parts.push(s);
    else writeSync(fd, s);
  };
  if (!gz) writeSync(fd, parts[0]);
  for (let i = from; i < to; i++) {
    const t = rows.t[i];
    chunk.push(`${stamp(t, naive)},${tenths(rows.cpu[i])},${tenths(rows.ram[i])},7.00,15.57,` +
      `${tenths(rows.disk[i])},100.00,233.67,${i * 2}.0,00:00:00,False,False\n`);
    if (chunk.length >= 20000) flush();
  }
  flush();
  if (gz) return gzipSync(parts.join(''));
  closeSync(fd);
  return null;
}

/**
 * Generates and writes the series into dir/metrics.csv. Options: days (30)
 * at step seconds (2) ending at end (Unix seconds); rotate: the oldest
 * third goes to metrics.csv.1 and a sparse year before it (one row every
 * 10 minutes, 300 to 200 days back, naive timestamps) to
 * metrics.csv.2.gz. Gaps: 6 h on day 10, 45 min on day 20 (and 100 days
 * in the old year). Spikes: cpu 100.0 on one row a day.
 * Returns {t, cpu, ram, disk (Int32Array/Uint16Array, tenths), n, end}.
 */
export function writeHistory(dir, { days = 30, step = 2, end, rotate = false } = {}) {
  const start = end - days * DAY;
  const old = rotate ? Math.floor(100 * DAY / 600) : 0;
  const max = old + Math.ceil((end - start) / step);
  const rows = { t: new Float64Array(max), cpu: new Uint16Array(max),
    ram: new Uint16Array(max), disk: new Uint16Array(max), n: 0, end };
  const push = (t) => {
    const i = rows.n++;
    const [c, r, d] = values(i);
    rows.t[i] = t;
    rows.cpu[i] = c;
    rows.ram[i] = r;
    rows.disk[i] = d;
  };
  for (let t = end - 300 * DAY; rotate && t < end - 200 * DAY; t += 600) push(t);
  const firstRecent = rows.n;
  const gaps = [[start + 10 * DAY, start + 10 * DAY + 6 * 3600],
    [start + 20 * DAY + 3 * 3600, start + 20 * DAY + 3 * 3600 + 2700]];
  for (let t = start; t < end; t += step) {
    if (gaps.some(([a, b]) => t >= a && t < b)) continue;
    push(t);
    if ((t - start) % DAY === 12345 - (12345 % step)) rows.cpu[rows.n - 1] = 1000;
  }
  const csv = path.join(dir, 'metrics.csv');
  if (rotate) {
    const cut = firstRecent + Math.floor((rows.n - firstRecent) / 3);
    const gz = writeRows(null, rows, 0, firstRecent, { naive: true, gz: true });
    const fd = openSync(`${csv}.2.gz`, 'w');
    writeSync(fd, gz);
    closeSync(fd);
    writeRows(`${csv}.1`, rows, firstRecent, cut);
    writeRows(csv, rows, cut, rows.n);
  } else {
    writeRows(csv, rows, 0, rows.n);
  }
  return rows;
}

/** The bucket width the API promises (API.md): the coarsest of 3600, 60
 * and 1 still giving `points` buckets, times the least whole factor giving
 * at most `points`. */
export function widthFor(span, points) {
  const r = [3600, 60, 1].find((x) => Math.floor(span / x) >= points) ?? 1;
  return Math.max(1, Math.ceil(span / (points * r))) * r;
}

/**
 * Buckets of width w over [floor(since/w)*w, ceil(until/w)*w), computed
 * from every row: [{start, count, cpu: [min, avg, max], ram, disk}] in
 * hundredths, empty buckets left out.
 */
export function recompute(rows, since, until, w) {
  const A = Math.floor(since / w) * w;
  const B = Math.ceil(until / w) * w;
  const n = (B - A) / w;
  const cnt = new Float64Array(n);
  const acc = ['cpu', 'ram', 'disk'].map(() => ({
    min: new Float64Array(n).fill(Infinity), max: new Float64Array(n).fill(-Infinity),
    sum: new Float64Array(n) }));
  const cols = [rows.cpu, rows.ram, rows.disk];
  for (let i = 0; i < rows.n; i++) {
    const t = rows.t[i];
    if (t < A || t >= B) continue;
    const b = Math.floor((t - A) / w);
    cnt[b]++;
    for (let m = 0; m < 3; m++) {
      const v = cols[m][i] * 10; // hundredths
      const a = acc[m];
      if (v < a.min[b]) a.min[b] = v;
      if (v > a.max[b]) a.max[b] = v;
      a.sum[b] += v;
    }
  }
  const out = [];
  for (let b = 0; b < n; b++) {
    if (!cnt[b]) continue;
    const p = { start: A + b * w, count: cnt[b] };
    ['cpu', 'ram', 'disk'].forEach((k, m) => {
      p[k] = [acc[m].min[b], Math.floor((2 * acc[m].sum[b] + cnt[b]) / (2 * cnt[b])), acc[m].max[b]];
    });
    out.push(p);
  }
  return { A, B, points: out };
}

/** An answer's points in the shape of recompute()'s. */
export function fromAnswer(body) {
  const h = (v) => Math.round(v * 100);
  return body.data.map((p) => ({
    start: Date.parse(p.timestamp) / 1000,
    count: p.count,
    cpu: [h(p.cpu_percent_min), h(p.cpu_percent), h(p.cpu_percent_max)],
    ram: [h(p.ram_percent_min), h(p.ram_percent), h(p.ram_percent_max)],
    disk: [h(p.disk_percent_min), h(p.disk_percent), h(p.disk_percent_max)],
  }));
}
