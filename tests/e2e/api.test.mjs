// api.test.mjs: every endpoint through the real nginx, FastCGI workers and
// sampler (scripts/serve): fields and types against docs/API.md, content types,
// headers, 404/405/413 as JSON, static pages, and that no request waits
// for a sample.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { startStack } from '../lib/stack.mjs';

const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;
const HMS = /^\d{2,}:\d\d:\d\d$/;
const CSP = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/** busy/total since boot from /proc/stat, percent (what a naive reader gives). */
function cpuSinceBoot() {
  const f = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = f;
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return ((total - idle - iowait) / total) * 100;
}

function psutil() {
  // Debian's python3-psutil, whatever python3 comes first in PATH
  const out = execFileSync('/usr/bin/python3', ['-c',
    'import json, psutil; print(json.dumps({"ram": psutil.virtual_memory().percent, ' +
    '"disk": psutil.disk_usage("/").percent, "ncpu": psutil.cpu_count()}))']);
  return JSON.parse(out);
}

/** The raw JSON text of a number field, to check its decimals. */
function rawNumber(body, key) {
  const m = body.match(new RegExp(`"${key}":(-?\\d+(?:\\.\\d+)?)[,}]`));
  assert.ok(m, `${key} missing or not a plain number in ${body}`);
  return m[1];
}

function checkSecurityHeaders(r, what) {
  assert.equal(r.headers.get('content-security-policy'), CSP, what);
  assert.doesNotMatch(r.headers.get('content-security-policy'), /unsafe-inline/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff', what);
  assert.equal(r.headers.get('referrer-policy'), 'no-referrer', what);
}

function checkMetrics(body, m) {
  for (const [key, decimals] of [['cpu_percent', 1], ['ram_percent', 1], ['disk_percent', 1],
    ['ram_used_gib', 2], ['ram_total_gib', 2], ['disk_used_gib', 2], ['disk_total_gib', 2]]) {
    assert.equal(typeof m[key], 'number', key);
    const raw = rawNumber(body, key);
    assert.equal(raw.split('.')[1]?.length ?? 0, decimals, `${key} = ${raw}: ${decimals} decimal(s)`);
  }
  for (const key of ['cpu_percent', 'ram_percent', 'disk_percent']) {
    assert.ok(m[key] >= 0 && m[key] <= 100, `${key} = ${m[key]}`);
  }
  assert.ok(m.ram_used_gib > 0 && m.ram_used_gib <= m.ram_total_gib);
  assert.ok(m.disk_used_gib > 0 && m.disk_used_gib <= m.disk_total_gib);
  assert.match(m.timestamp, TS);
  assert.equal(typeof m.uptime_seconds, 'number');
  assert.ok(m.uptime_seconds > 0);
  assert.match(m.uptime_hms, HMS);
  const secs = Math.floor(m.uptime_seconds);
  const [h, mi, s] = m.uptime_hms.split(':').map(Number);
  assert.ok(Math.abs(h * 3600 + mi * 60 + s - secs) <= 1, `${m.uptime_hms} vs ${m.uptime_seconds}`);
  assert.deepEqual(Object.keys(m.alerts).sort(), ['cpu', 'ram']);
  assert.equal(m.alerts.cpu, m.cpu_percent >= 80);
  assert.equal(m.alerts.ram, m.ram_percent >= 90);
  assert.equal(m.alert_active, m.alerts.cpu || m.alerts.ram);
}

function expectedHealth(m) {
  const clamp = (v) => Math.min(1, Math.max(0, v));
  const cpu = clamp(1 - Math.max(0, (m.cpu_percent - 50) / 50));
  const ram = clamp(1 - Math.max(0, (m.ram_percent - 60) / 40));
  const disk = clamp(1 - Math.max(0, (m.disk_percent - 70) / 30));
  const score = Math.round((0.35 * cpu + 0.35 * ram + 0.3 * disk) * 100);
  return {
    score,
    status: score >= 80 ? 'ok' : score >= 60 ? 'warn' : 'critical',
    components: { cpu: Math.round(cpu * 100), ram: Math.round(ram * 100), disk: Math.round(disk * 100) },
  };
}

describe('API through nginx', () => {
  let stack;
  let busy;
  let bootAvg;

  before(async () => {
    // one core kept busy while the workers take their first reading: the
    // first answer must show it, not 0 and not the average since boot
    busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    await new Promise((r) => setTimeout(r, 300));
    bootAvg = cpuSinceBoot();
    try {
      stack = await startStack({ env: { SYSDASH_INTERVAL: '1' } });
    } finally {
      busy.kill('SIGKILL');
    }
  });
  after(async () => {
    await stack?.stop();
  });

  it('gives a real CPU figure in the very first answer', () => {
    const cpu = stack.firstStats.cpu_percent;
    assert.ok(cpu >= 30, `first cpu_percent ${cpu} with one of ${psutil().ncpu} cores busy`);
    if (bootAvg < 20) assert.ok(cpu - bootAvg > 10, `first ${cpu} vs since boot ${bootAvg.toFixed(1)}`);
  });

  it('/api/stats: every docs/API.md field with its type, JSON, no-store', async () => {
    const r = await fetch(`${stack.base}/api/stats`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.headers.get('cache-control'), 'no-store');
    checkSecurityHeaders(r, '/api/stats');
    const body = await r.text();
    checkMetrics(body, JSON.parse(body));
  });

  it('/api/stats agrees with psutil and is at most a second old', async () => {
    const m = await (await fetch(`${stack.base}/api/stats`)).json();
    const p = psutil();
    assert.ok(Math.abs(m.ram_percent - p.ram) <= 1.5, `ram ${m.ram_percent} vs psutil ${p.ram}`);
    assert.ok(Math.abs(m.disk_percent - p.disk) <= 0.2, `disk ${m.disk_percent} vs psutil ${p.disk}`);
    assert.equal(m.cpu_count, p.ncpu);
    const age = Date.now() - Date.parse(m.timestamp);
    assert.ok(age >= -50 && age < 1000, `sample ${age} ms old`);
  });

  it('/api/status: the metrics plus health computed as docs/API.md says', async () => {
    const r = await fetch(`${stack.base}/api/status`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    const body = await r.text();
    const m = JSON.parse(body);
    checkMetrics(body, m);
    assert.deepEqual(m.health, expectedHealth(m));
  });

  it('no request waits for a sample (the old tool slept 0.3 s in each)', async () => {
    const times = [];
    for (let i = 0; i < 30; i++) {
      const path = ['/api/stats', '/api/status', '/metrics'][i % 3];
      const t0 = performance.now();
      const r = await fetch(`${stack.base}${path}`);
      await r.arrayBuffer();
      times.push(performance.now() - t0);
      assert.equal(r.status, 200);
    }
    times.sort((a, b) => a - b);
    assert.ok(times[15] < 50, `median ${times[15].toFixed(1)} ms`);
    assert.ok(times[29] < 200, `slowest ${times[29].toFixed(1)} ms`);
  });

  it('the sampler feeds /api/history', async () => {
    let h;
    for (let i = 0; i < 40; i++) {
      h = await (await fetch(`${stack.base}/api/history`)).json();
      if (h.count >= 2) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    assert.ok(h.count >= 2, `history count ${h.count}`);
    assert.equal(h.data.length, h.count);
    for (const row of h.data) {
      assert.deepEqual(Object.keys(row).sort(),
        ['cpu_percent', 'disk_percent', 'ram_percent', 'timestamp', 'uptime_hms']);
      assert.match(row.timestamp, TS);
      assert.match(row.uptime_hms, HMS);
    }
    assert.ok(h.data[0].timestamp < h.data[h.count - 1].timestamp, 'oldest first');
  });

  it('/metrics: Prometheus text with the same numbers', async () => {
    const r = await fetch(`${stack.base}/metrics`);
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'text/plain; version=0.0.4; charset=utf-8');
    const text = await r.text();
    const m = await (await fetch(`${stack.base}/api/stats`)).json();
    const value = (name) => Number(text.match(new RegExp(`^${name} (\\S+)$`, 'm'))?.[1]);
    assert.equal(value('sysdash_ram_total_gib'), m.ram_total_gib);
    assert.equal(value('sysdash_disk_total_gib'), m.disk_total_gib);
    assert.equal(value('sysdash_cpus'), m.cpu_count);
    assert.equal(value('sysdash_cpu_alert_threshold_percent'), 80);
    for (const name of ['cpu_percent', 'ram_percent', 'disk_percent', 'uptime_seconds', 'health_score']) {
      assert.match(text, new RegExp(`^# TYPE sysdash_${name} gauge$`, 'm'));
      assert.ok(Number.isFinite(value(`sysdash_${name}`)), name);
    }
  });

  it('HEAD answers headers only', async () => {
    for (const path of ['/api/stats', '/api/status', '/api/history', '/metrics', '/']) {
      const r = await fetch(`${stack.base}${path}`, { method: 'HEAD' });
      assert.equal(r.status, 200, path);
      assert.equal((await r.arrayBuffer()).byteLength, 0, path);
    }
  });

  it('wrong method: 405 JSON with Allow, on the API and the pages', async () => {
    for (const [method, path] of [['POST', '/api/stats'], ['PUT', '/api/status'],
      ['DELETE', '/api/history'], ['POST', '/metrics'], ['OPTIONS', '/api/stats'],
      ['PATCH', '/api/history'], ['POST', '/'], ['DELETE', '/history']]) {
      const r = await fetch(`${stack.base}${path}`, { method, body: method === 'OPTIONS' ? undefined : '' });
      assert.equal(r.status, 405, `${method} ${path}`);
      assert.equal(r.headers.get('allow'), 'GET, HEAD', `${method} ${path}`);
      assert.match(r.headers.get('content-type'), /^application\/json/);
      assert.deepEqual(await r.json(), { error: 'Method Not Allowed' });
      checkSecurityHeaders(r, `${method} ${path}`);
    }
  });

  it('unknown paths: 404 JSON, never an HTML page', async () => {
    for (const path of ['/api/nope', '/api/stats/extra', '/api/', '/nope.html', '/.stamp',
      '/vendor/nope.js', '/api/history/../../etc/passwd', '/metrics/x']) {
      const r = await fetch(`${stack.base}${path}`);
      assert.equal(r.status, 404, path);
      assert.match(r.headers.get('content-type'), /^application\/json/, path);
      assert.deepEqual(await r.json(), { error: 'Not Found' }, path);
      checkSecurityHeaders(r, path);
    }
  });

  it('malformed requests: 400 and 414 as JSON, before any location', async () => {
    const cases = [
      ['/%00', {}, 400, 'Bad Request'],
      [`/api/stats?${'a'.repeat(20000)}`, {}, 414, 'URI Too Long'],
      ['/api/stats', { 'x-big': 'a'.repeat(20000) }, 400, 'Request Header Too Large'],
    ];
    for (const [path, headers, status, error] of cases) {
      const r = await fetch(`${stack.base}${path}`, { headers });
      assert.equal(r.status, status, path.slice(0, 30));
      assert.equal(r.headers.get('content-type'), 'application/json');
      assert.deepEqual(await r.json(), { error });
      checkSecurityHeaders(r, path.slice(0, 30));
    }
  });

  it('a body over the 8 KiB limit gets 413 JSON', async () => {
    const r = await fetch(`${stack.base}/api/stats`, { method: 'POST', body: 'x'.repeat(9000) });
    assert.equal(r.status, 413);
    assert.deepEqual(await r.json(), { error: 'Content Too Large' });
  });

  it('hostile query strings get JSON answers', async () => {
    const r = await fetch(`${stack.base}/api/history?limit=${'9'.repeat(2000)}`);
    assert.equal(r.status, 400);
    assert.match((await r.json()).error, /limit/);
    for (const q of ['limit=%00', 'limit=%zz', 'limit=%', '&&&', 'limit', '=5', 'limit=%E2%82%AC']) {
      const h = await fetch(`${stack.base}/api/history?${q}`);
      assert.equal(h.status, 200, q);
      assert.equal(typeof (await h.json()).count, 'number', q);
    }
  });

  it('pages: /, /history and assets with types, cache headers and gzip', async () => {
    const cases = [
      ['/', 'text/html; charset=utf-8', 'no-cache'],
      ['/history', 'text/html; charset=utf-8', 'no-cache'],
      ['/index.html', 'text/html; charset=utf-8', 'no-cache'],
      ['/i18n.js', 'application/javascript; charset=utf-8', 'no-cache'],
      ['/style.css', 'text/css; charset=utf-8', 'no-cache'],
      ['/vendor/uPlot.iife.min.js', 'application/javascript; charset=utf-8', 'public, max-age=604800'],
      ['/vendor/uPlot.min.css', 'text/css; charset=utf-8', 'public, max-age=604800'],
    ];
    for (const [path, type, cache] of cases) {
      const r = await fetch(`${stack.base}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      assert.equal(r.status, 200, path);
      assert.equal(r.headers.get('content-type'), type, path);
      assert.equal(r.headers.get('cache-control'), cache, path);
      assert.ok(r.headers.get('etag') || r.headers.get('last-modified'), `${path} validator`);
      checkSecurityHeaders(r, path);
      const text = await r.text();
      if (text.length > 1024) assert.equal(r.headers.get('content-encoding'), 'gzip', path);
    }
    const home = await (await fetch(`${stack.base}/`)).text();
    const hist = await (await fetch(`${stack.base}/history`)).text();
    assert.match(home, /<html/i);
    assert.match(hist, /<html/i);
    assert.notEqual(home, hist);
  });

  it('revalidation answers 304', async () => {
    const r = await fetch(`${stack.base}/style.css`);
    await r.arrayBuffer();
    const again = await fetch(`${stack.base}/style.css`, { headers: { 'if-none-match': r.headers.get('etag') } });
    assert.equal(again.status, 304);
  });
});
