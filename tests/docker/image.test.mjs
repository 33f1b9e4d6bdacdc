// image.test.mjs: the sysdash image (Dockerfile) in the real Docker engine,
// built once per run from the working tree's tracked files on the local
// debian:12-slim (tests/docker/base-image), layer cache reused. Each
// container runs with --network host on a free PORT, as Render sets it:
//  - the backend's end-to-end contract suite (tests/e2e/api.test.mjs) passes
//    against it; the health check turns healthy; no process runs as root;
//    nothing is written outside /data and /tmp;
//  - docker stop: exit status 0 in under 10 s; nginx killed: non-zero;
//  - the CSV survives a new container on the same volume; --read-only works;
//  - a /proc fixture at /host/proc and a cgroup fixture are what it reports;
//  - behind a two-hop nginx proxy: the real client is rate-limited and the
//    public https:// origin is accepted.
// Without a Docker engine (not root, no docker.io) one SKIPPED line and
// every test skipped; SYSDASH_REQUIRE_DOCKER=1 (.ci/run) makes it a failure.
// The size budget is checked by scripts/bench-docker, not here.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statfsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildImage, docker, dockerReady, IMAGE, removeAll, run, sizeOverBase, state, until } from '../lib/container.mjs';
import { EDGE_ADDR, postAction, RENDER_ADDR, startProxy } from '../lib/proxy.mjs';
import { REPO } from '../lib/stack.mjs';

const FIX = path.join(REPO, 'tests', 'fixtures');
const TOKEN = 'docker-test-token-0123456789';
let skipped = '';
const volumes = [];

before(() => {
  skipped = dockerReady();
  if (skipped) {
    console.log(skipped);
    return;
  }
  const secs = buildImage();
  const s = sizeOverBase();
  console.log(`# ${IMAGE} built in ${secs.toFixed(1)} s: ${(s.total / 1e6).toFixed(1)} MB, ` +
    `${(s.delta / 1e6).toFixed(1)} MB over ${(s.base / 1e6).toFixed(1)} MB of debian:12-slim`);
});
after(() => {
  if (skipped) return;
  removeAll();
  for (const v of volumes) spawnSync('docker', ['volume', 'rm', '-f', v], { stdio: 'ignore' });
});

const json = async (c, p) => (await fetch(`${c.base}${p}`)).json();

describe('the image', () => {
  it('passes the end-to-end contract suite (tests/e2e/api.test.mjs) against a container', (t) => {
    if (skipped) return t.skip(skipped);
    const r = spawnSync(process.execPath, ['--test', '--test-reporter=dot', path.join(REPO, 'tests', 'e2e', 'api.test.mjs')],
      { encoding: 'utf8', env: { ...process.env, SYSDASH_TEST_IMAGE: IMAGE }, timeout: 300000 });
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
  });

  it('turns healthy, runs nothing as root, writes only under /data and /tmp, stops with 0 in < 10 s', async (t) => {
    if (skipped) return t.skip(skipped);
    const c = await run({ args: ['--health-interval', '1s'], env: { SYSDASH_INTERVAL: '0.5' } });
    try {
      await until('healthy', () => state(c.name).health === 'healthy', 30000);
      const procs = docker('top', c.name, '-eo', 'uid,pid,comm').split('\n').slice(1).map((l) => l.trim().split(/\s+/));
      const names = procs.map((p) => p[2]);
      for (const want of ['tini', 'serve', 'nginx', 'sysdash-sampler', 'stats.fcgi', 'action.fcgi', 'multiwatch']) {
        assert.ok(names.includes(want), `${want} in ${names}`);
      }
      for (const [uid, pid, comm] of procs) assert.equal(uid, '10001', `${comm} (${pid}) runs as uid ${uid}`);
      assert.equal(docker('exec', c.name, 'id', '-u'), '10001');
      await until('a sampled row', async () => (await json(c, '/api/history')).count > 0);
      const changed = docker('diff', c.name).split('\n').filter(Boolean).map((l) => l.slice(2));
      for (const f of changed) assert.match(f, /^\/(data|tmp)(\/|$)/, `written outside /data and /tmp: ${f}`);
      const { code, ms } = await c.stop();
      assert.equal(code, 0, c.logs());
      assert.ok(ms < 10000, `docker stop took ${ms} ms`);
      assert.doesNotMatch(c.logs(), /SIGKILL|did not stop/);
    } finally {
      c.remove();
    }
  });

  it('nginx killed inside: the container exits non-zero', async (t) => {
    if (skipped) return t.skip(skipped);
    const c = await run();
    try {
      docker('exec', c.name, 'sh', '-c', 'kill "$(cat /tmp/sysdash.*/nginx/nginx.pid)"');
      await until('exited', () => state(c.name).status === 'exited', 15000);
      assert.notEqual(state(c.name).code, 0, c.logs());
      assert.match(c.logs(), /nginx exited/);
    } finally {
      c.remove();
    }
  });

  it('the history in a volume outlives the container', async (t) => {
    if (skipped) return t.skip(skipped);
    const vol = `sysdash-test-${process.pid}`;
    volumes.push(vol);
    const first = await run({ args: ['-v', `${vol}:/data`], env: { SYSDASH_INTERVAL: '0.2' } });
    let before;
    try {
      before = await until('three rows', async () => {
        const h = await json(first, '/api/history');
        return h.count >= 3 && h;
      });
      assert.equal((await first.stop()).code, 0);
    } finally {
      first.remove();
    }
    const second = await run({ args: ['-v', `${vol}:/data`], env: { SYSDASH_INTERVAL: '0.2' } });
    try {
      const after = await json(second, '/api/history?limit=500');
      const stamps = new Set(after.data.map((r) => r.timestamp));
      for (const row of before.data) assert.ok(stamps.has(row.timestamp), `row ${row.timestamp} kept`);
    } finally {
      second.remove();
    }
  });

  it('runs with --read-only --tmpfs /tmp', async (t) => {
    if (skipped) return t.skip(skipped);
    const c = await run({ args: ['--read-only', '--tmpfs', '/tmp', '-v', '/data'],
      env: { SYSDASH_INTERVAL: '0.2', ACTION_TOKEN: TOKEN } });
    try {
      await until('a sampled row', async () => (await json(c, '/api/history')).count > 0);
      const r = await postAction(c.port, { headers: { Authorization: `Bearer ${TOKEN}` } });
      assert.equal(r.status, 200, r.body);
      assert.match(docker('exec', c.name, 'cat', '/data/actions.jsonl'), /"action":"cleanup_temp"/);
      assert.doesNotMatch(c.logs(), /Read-only file system/);
      assert.equal((await c.stop()).code, 0);
    } finally {
      c.remove();
    }
  });

  it('reports the host /proc and disk mounted at /host, and the cgroup limits of a fixture tree', async (t) => {
    if (skipped) return t.skip(skipped);
    const root = mkdtempSync(path.join(os.tmpdir(), 'sysdash-hostroot-'));
    const c = await run({
      args: ['-v', `${FIX}/real/proc:/host/proc:ro`, '-v', `${root}:/host/root:ro`,
        '-v', `${FIX}/cgroup-limited/cgroup:/host/cgroup:ro`],
      env: { SYSDASH_PROC_ROOT: '/host/proc', SYSDASH_DISK_PATH: '/host/root', SYSDASH_CGROUP_ROOT: '/host/cgroup' },
    });
    try {
      const s = await json(c, '/api/stats');
      const meminfo = readFileSync(`${FIX}/real/proc/meminfo`, 'utf8');
      const kb = (k) => Number(meminfo.match(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm'))[1]);
      assert.equal(s.ram_total_gib, Math.round((kb('MemTotal') * 1024 / 2 ** 30) * 100) / 100);
      assert.equal(s.ram_percent, Math.round(((kb('MemTotal') - kb('MemAvailable')) / kb('MemTotal')) * 1000) / 10);
      const up = Number(readFileSync(`${FIX}/real/proc/uptime`, 'utf8').split(' ')[0]);
      assert.equal(s.uptime_seconds, up);
      assert.equal(s.hostname, readFileSync(`${FIX}/real/proc/sys/kernel/hostname`, 'utf8').trim());
      const fs = statfsSync(root);
      assert.equal(s.disk_total_gib, Math.round((fs.blocks * fs.bsize / 2 ** 30) * 100) / 100);
      // memory.max 512 MiB, memory.current 264 MiB less 64 MiB inactive_file, cpu.max 200000/100000
      assert.deepEqual(s.container, { memory_limit_gib: 0.5, memory_used_gib: 0.2, memory_percent: 39.1, cpu_quota_cores: 2 });
    } finally {
      c.remove();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('behind a two-hop proxy: the real client is rate-limited, the public https origin accepted', async (t) => {
    if (skipped) return t.skip(skipped);
    const c = await run({ env: { ACTION_TOKEN: TOKEN, SYSDASH_TRUST_PROXY: `${RENDER_ADDR},${EDGE_ADDR}` } });
    const proxy = await startProxy(c.port);
    try {
      const statuses = [];
      for (let i = 0; i < 8; i++) statuses.push((await postAction(proxy.edgePort, { from: '127.0.0.2' })).status);
      assert.deepEqual(statuses, [401, 401, 401, 401, 401, 401, 429, 429]);
      assert.equal((await postAction(proxy.edgePort, { from: '127.0.0.3' })).status, 401);
      const host = `127.0.0.1:${proxy.edgePort}`;
      const https = await postAction(proxy.edgePort, { from: '127.0.0.4', headers: { Origin: `https://${host}` } });
      assert.equal(https.status, 401, https.body);
      const http = await postAction(proxy.edgePort, { from: '127.0.0.4', headers: { Origin: `http://${host}` } });
      assert.equal(http.status, 403, http.body);
      const clients = docker('exec', c.name, 'cat', '/data/actions.jsonl').split('\n').map((l) => JSON.parse(l).client);
      assert.deepEqual([...new Set(clients)], ['127.0.0.2', '127.0.0.3', '127.0.0.4']);
    } finally {
      await proxy.stop();
      c.remove();
    }
  });
});
