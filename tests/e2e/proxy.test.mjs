// proxy.test.mjs: sysdash behind reverse proxies (tests/lib/proxy.mjs: an
// "edge" and a "render" hop in a real nginx, both sending X-Forwarded-For and
// X-Forwarded-Proto: https). With SYSDASH_TRUST_PROXY naming the hops, the
// action rate limit and the audit log count the real client and the Origin
// check wants the public https:// origin; headers from anyone else are
// ignored. Also SYSDASH_TRUST_PROXY's bad values, and PORT below 1024.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { EDGE_ADDR, postAction, RENDER_ADDR, startProxy } from '../lib/proxy.mjs';
import { BIN_DIR, SERVE, startStack } from '../lib/stack.mjs';

const TOKEN = 'proxy-test-token-0123456789';

/** The client field of each audit line, in order. */
function auditClients(dataDir) {
  const file = path.join(dataDir, 'actions.jsonl');
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l).client);
}

/** Statuses of n actions POSTed from one client address. */
async function burst(port, from, n, headers) {
  const out = [];
  for (let i = 0; i < n; i++) out.push((await postAction(port, { from, headers })).status);
  return out;
}

// 10r/m with a burst of 5, nodelay: 6 pass (401: wrong token), then 429
const LIMITED = [401, 401, 401, 401, 401, 401, 429, 429];

describe('behind a proxy, trusting both hops', () => {
  let stack;
  let proxy;

  before(async () => {
    stack = await startStack({ env: { ACTION_TOKEN: TOKEN, SYSDASH_TRUST_PROXY: `${RENDER_ADDR}, ${EDGE_ADDR}` } });
    proxy = await startProxy(stack.port);
  });
  after(async () => {
    await proxy?.stop();
    await stack?.stop();
  });

  it('rate-limits each real client, not the proxy; a forged X-Forwarded-For changes nothing', async () => {
    // the client's own X-Forwarded-For is kept by the hops, left of its address
    assert.deepEqual(await burst(proxy.edgePort, '127.0.0.2', 8, { 'X-Forwarded-For': '203.0.113.9' }), LIMITED);
    assert.deepEqual(await burst(proxy.edgePort, '127.0.0.3', 1), [401]);
    const clients = auditClients(stack.dataDir);
    assert.deepEqual(clients, [...Array(6).fill('127.0.0.2'), '127.0.0.3']);
  });

  it('accepts the public https:// origin, refuses http:// and others', async () => {
    const host = `127.0.0.1:${proxy.edgePort}`;
    const from = '127.0.0.4';
    const ok = await postAction(proxy.edgePort, { from, headers: { Origin: `https://${host}` } });
    assert.equal(ok.status, 401, ok.body); // past the Origin check, stopped by the token
    for (const origin of [`http://${host}`, 'https://evil.example', `https://${host}.evil.example`]) {
      const r = await postAction(proxy.edgePort, { from, headers: { Origin: origin } });
      assert.equal(r.status, 403, origin);
      assert.match(JSON.parse(r.body).error, /another origin/);
    }
  });

  it('a direct client gets neither its X-Forwarded-For nor its X-Forwarded-Proto believed', async () => {
    const host = `127.0.0.1:${stack.port}`;
    const forged = { 'X-Forwarded-For': '127.0.0.3', 'X-Forwarded-Proto': 'https' };
    const https = await postAction(stack.port, { from: '127.0.0.7', headers: { ...forged, Origin: `https://${host}` } });
    assert.equal(https.status, 403, https.body);
    const http = await postAction(stack.port, { from: '127.0.0.7', headers: { ...forged, Origin: `http://${host}` } });
    assert.equal(http.status, 401, http.body);
    assert.deepEqual(auditClients(stack.dataDir).slice(-2), ['127.0.0.7', '127.0.0.7']);
  });
});

describe('behind a proxy, trusting only the last hop', () => {
  it('the edge is taken for the client: every client shares its limit', async () => {
    const stack = await startStack({ env: { ACTION_TOKEN: TOKEN, SYSDASH_TRUST_PROXY: RENDER_ADDR } });
    const proxy = await startProxy(stack.port);
    try {
      assert.deepEqual(await burst(proxy.edgePort, '127.0.0.2', 8), LIMITED);
      assert.deepEqual(await burst(proxy.edgePort, '127.0.0.3', 1), [429]);
      assert.deepEqual([...new Set(auditClients(stack.dataDir))], [EDGE_ADDR]);
      // X-Forwarded-Proto from the trusted last hop still counts
      const r = await postAction(proxy.renderPort, { from: '127.0.0.8', headers: { Origin: `https://127.0.0.1:${proxy.renderPort}` } });
      assert.equal(r.status, 401, r.body);
    } finally {
      await proxy.stop();
      await stack.stop();
    }
  });
});

describe('SYSDASH_TRUST_PROXY values', () => {
  const render = (value) => {
    const dir = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
    const r = spawnSync(SERVE, ['--render-nginx', dir], { encoding: 'utf8',
      env: { ...process.env, SYSDASH_BIN_DIR: BIN_DIR, SYSDASH_RUN_DIR: '/run/sysdash-test', SYSDASH_TRUST_PROXY: value } });
    const read = (f) => (existsSync(path.join(dir, f)) ? readFileSync(path.join(dir, f), 'utf8') : null);
    const out = { status: r.status, stderr: r.stderr, realip: read('sysdash-realip.conf'), geo: read('sysdash-proxies.conf'),
      http: read('sysdash-http.conf') };
    execFileSync('rm', ['-rf', dir]);
    return out;
  };

  it('addresses and ranges, IPv4 and IPv6, spaces or commas: one line each', () => {
    const r = render('10.0.0.0/8, 192.168.1.7 ::1,2001:db8::/32');
    assert.equal(r.status, 0, r.stderr);
    const hops = ['10.0.0.0/8', '192.168.1.7', '::1', '2001:db8::/32'];
    assert.deepEqual(r.realip.match(/^set_real_ip_from .*;$/gm), hops.map((h) => `set_real_ip_from ${h};`));
    assert.match(r.realip, /^real_ip_header X-Forwarded-For;$/m);
    assert.match(r.realip, /^real_ip_recursive on;$/m);
    assert.deepEqual(r.geo.match(/^\S+ 1;$/gm), hops.map((h) => `${h} 1;`));
    assert.match(r.http, /^\s*include \S+\/sysdash-proxies\.conf;$/m);
  });

  it('unset or empty: no proxy is trusted', () => {
    const r = render('');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.realip, null);
    assert.equal(r.geo, null);
    assert.doesNotMatch(r.http, /sysdash-proxies/);
  });

  it('refuses wrong, hostile and huge values with a message naming the variable', () => {
    const many = Array.from({ length: 65 }, (_, i) => `10.0.0.${i}`).join(',');
    for (const bad of ['10.0.0.0/33', '256.1.1.1', '1.2.3', '1.2.3.4.5', '1..2.3', 'example.com', '10.0.0.0/', '/8',
      '1.2.3.4;evil', '$(id)', '1.2.3.4\nset_real_ip_from 0.0.0.0/0', ' , ,', '::1/129', 'fe80:::1', 'g::1',
      '12345::1', '1:2:3:4:5:6:7:8:9', '1::2::3', many, '1'.repeat(3000)]) {
      const r = render(bad);
      assert.equal(r.status, 1, JSON.stringify(bad));
      assert.match(r.stderr, /^serve: SYSDASH_TRUST_PROXY: /m, JSON.stringify(bad));
      assert.equal(r.realip, null);
    }
  });
});

describe('PORT below the unprivileged range', () => {
  it('as an ordinary user: one clear line, exit 1, nothing started', { skip: process.getuid() !== 0 && 'needs root to become another user' }, async () => {
    const low = Number(readFileSync('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'));
    if (low === 0) return; // this kernel lets anyone listen anywhere
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-lowport-'));
    try {
      const uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }));
      const gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }));
      const r = spawnSync(SERVE, [], { uid, gid, encoding: 'utf8', timeout: 10000,
        env: { ...process.env, SYSDASH_BIN_DIR: BIN_DIR, PORT: '80', SYSDASH_DATA_DIR: `${tmp}/data`, SYSDASH_RUN_DIR: `${tmp}/run` } });
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`^serve: PORT: 80 is below ${low}, where only root may listen`, 'm'));
      assert.equal(existsSync(`${tmp}/run`), false);
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
