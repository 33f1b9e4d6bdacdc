// cgi.test.mjs: each FastCGI program run as plain CGI (no FastCGI socket on
// fd 0, the request in its environment), as a web server without FastCGI
// or a test harness would: same answers, same checks, configuration from
// the environment.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, it } from 'node:test';
import { BIN_DIR, REPO } from '../lib/stack.mjs';

const FIX = path.join(REPO, 'tests', 'fixtures');

/** Runs BIN_DIR/prog with a CGI environment; parses the CGI answer. */
function cgi(prog, env) {
  const t0 = performance.now();
  const r = spawnSync(path.join(BIN_DIR, prog), [], {
    env: { PATH: process.env.PATH, GATEWAY_INTERFACE: 'CGI/1.1', REQUEST_METHOD: 'GET', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10000,
  });
  const ms = performance.now() - t0;
  const out = r.stdout.toString('latin1');
  const split = out.indexOf('\r\n\r\n');
  const head = split < 0 ? out : out.slice(0, split);
  const headers = {};
  for (const line of head.split('\r\n').filter(Boolean)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const body = split < 0 ? '' : Buffer.from(out.slice(split + 4), 'latin1').toString('utf8');
  return {
    code: r.status, ms, stderr: r.stderr.toString(), headers, body,
    status: Number(headers.status?.split(' ')[0]),
  };
}

describe('plain CGI mode', () => {
  it('stats: /api/stats with a real first CPU figure', async () => {
    const busy = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
    try {
      await new Promise((r) => setTimeout(r, 300));
      const r = cgi('stats.fcgi', { PATH_INFO: '/api/stats' });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.status, 200);
      assert.equal(r.headers['content-type'], 'application/json');
      assert.equal(Number(r.headers['content-length']), Buffer.byteLength(r.body));
      const m = JSON.parse(r.body);
      assert.ok(m.cpu_percent >= 30, `cpu_percent ${m.cpu_percent} with a core busy`);
      assert.match(m.uptime_hms, /^\d{2,}:\d\d:\d\d$/);
      // the only wait is the first CPU window (250 ms) before answering
      assert.ok(r.ms >= 240 && r.ms < 2000, `${r.ms} ms`);
    } finally {
      busy.kill('SIGKILL');
    }
  });

  it('stats: /metrics, status: /api/status', () => {
    const m = cgi('stats.fcgi', { PATH_INFO: '/metrics' });
    assert.equal(m.status, 200);
    assert.equal(m.headers['content-type'], 'text/plain; version=0.0.4; charset=utf-8');
    assert.match(m.body, /^sysdash_ram_percent \d/m);
    const s = cgi('status.fcgi', { PATH_INFO: '/api/status' });
    assert.equal(s.status, 200);
    assert.match(JSON.parse(s.body).health.status, /^(ok|warn|critical)$/);
  });

  it('history: SYSDASH_CSV and QUERY_STRING', () => {
    const r = cgi('history.fcgi', {
      PATH_INFO: '/api/history', QUERY_STRING: 'limit=2', SYSDASH_CSV: path.join(FIX, 'history', 'ours.csv'),
    });
    assert.equal(r.status, 200);
    const h = JSON.parse(r.body);
    assert.equal(h.count, 2);
    assert.deepEqual(h.data.map((x) => x.cpu_percent), [0, 100]);
    // the CSV in the data folder when SYSDASH_CSV is unset
    const d = cgi('history.fcgi', { PATH_INFO: '/api/history', SYSDASH_DATA_DIR: path.join(FIX, 'history', 'rotated') });
    assert.equal(JSON.parse(d.body).count, 6);
  });

  it('routes from REQUEST_URI when PATH_INFO is absent', () => {
    const r = cgi('history.fcgi', {
      REQUEST_URI: '/api/history?limit=1', QUERY_STRING: 'limit=1', SYSDASH_CSV: path.join(FIX, 'history', 'ours.csv'),
    });
    assert.equal(r.status, 200);
    assert.equal(JSON.parse(r.body).count, 1);
  });

  it('405 with Allow, 404, HEAD: the same answers as behind nginx', () => {
    for (const [prog, p] of [['stats.fcgi', '/api/stats'], ['status.fcgi', '/api/status'], ['history.fcgi', '/api/history']]) {
      const post = cgi(prog, { PATH_INFO: p, REQUEST_METHOD: 'POST', CONTENT_LENGTH: '0' });
      assert.equal(post.status, 405, prog);
      assert.equal(post.headers.allow, 'GET, HEAD');
      assert.deepEqual(JSON.parse(post.body), { error: 'Method Not Allowed' });
      const none = cgi(prog, { PATH_INFO: '/nope' });
      assert.equal(none.status, 404, prog);
      assert.deepEqual(JSON.parse(none.body), { error: 'Not Found' });
      const head = cgi(prog, { PATH_INFO: p, REQUEST_METHOD: 'HEAD' });
      assert.equal(head.status, 200, prog);
      assert.equal(head.body, '');
      assert.ok(Number(head.headers['content-length']) > 10);
    }
    const empty = cgi('stats.fcgi', { PATH_INFO: '/api/stats', REQUEST_METHOD: '' });
    assert.equal(empty.status, 405);
  });

  it('configuration comes from the environment, checked at start', () => {
    const m = JSON.parse(cgi('stats.fcgi', { PATH_INFO: '/api/stats', CPU_ALERT: '0', RAM_ALERT: '100' }).body);
    assert.equal(m.alerts.cpu, true);
    assert.equal(m.alerts.ram, m.ram_percent >= 100);
    assert.deepEqual(m.thresholds, { cpu: 0, ram: 100 });
    for (const prog of ['stats.fcgi', 'status.fcgi', 'history.fcgi']) {
      const bad = cgi(prog, { PATH_INFO: '/api/stats', RAM_ALERT: 'lots' });
      assert.equal(bad.code, 1, prog);
      assert.equal(bad.body, '');
      assert.match(bad.stderr, /RAM_ALERT: must be a number from 0 to 100, got 'lots'/);
    }
  });

  it('an unreadable source: 503 JSON naming the file, no crash', () => {
    const r = cgi('stats.fcgi', { PATH_INFO: '/api/stats', SYSDASH_PROC_ROOT: path.join(FIX, 'missing', 'proc') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.status, 503);
    assert.equal(r.headers['content-type'], 'application/json');
    assert.match(JSON.parse(r.body).error, /stat/);
    const s = cgi('status.fcgi', { PATH_INFO: '/api/status', SYSDASH_PROC_ROOT: '/nonexistent' });
    assert.equal(s.status, 503);
    assert.match(JSON.parse(s.body).error, /\/nonexistent\/stat: No such file or directory/);
  });

  it('hostile query values', () => {
    const csv = path.join(FIX, 'history', 'ours.csv');
    const long = cgi('history.fcgi', { PATH_INFO: '/api/history', QUERY_STRING: `limit=${'1'.repeat(5000)}`, SYSDASH_CSV: csv });
    assert.equal(long.status, 400);
    assert.match(JSON.parse(long.body).error, /limit/);
    for (const q of ['limit=%', 'limit=%4', 'limit=%%35', 'limit=\u00e9', 'limit=1%00', '&=&=&', 'limit=5;limit=1']) {
      const r = cgi('history.fcgi', { PATH_INFO: '/api/history', QUERY_STRING: q, SYSDASH_CSV: csv });
      assert.equal(r.status, 200, q);
      assert.ok(JSON.parse(r.body).count >= 1, q);
    }
    // %35 is "5": values are percent-decoded like Flask's
    const enc = cgi('history.fcgi', { PATH_INFO: '/api/history', QUERY_STRING: 'limit=%33', SYSDASH_CSV: csv });
    assert.equal(JSON.parse(enc.body).count, 3);
  });
});
