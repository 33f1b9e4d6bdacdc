// serve.test.mjs: scripts/serve as a whole: load, a worker killed and
// replaced, stopping cleanly on SIGTERM and SIGINT, a dying child stopping
// the rest, two instances side by side, bad configuration, a URL prefix,
// the drop-in snippet inside another nginx server, root and non-root.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { alive, BIN_DIR, descendants, freePort, REPO, SERVE, startStack, until } from '../lib/stack.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FIX = path.join(REPO, 'tests', 'fixtures', 'history');

/** The uid a process runs as. */
function uidOf(pid) {
  const m = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m);
  return Number(m[1]);
}

function idOf(flag, name) {
  return Number(execFileSync('id', [flag, name], { encoding: 'utf8' }).trim());
}

function exitOf(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(proc.exitCode);
  return new Promise((r) => proc.once('exit', (code) => r(code)));
}

/** Runs serve without waiting for HTTP; returns {proc, log()}. */
function serveRaw(env) {
  let log = '';
  const proc = spawn(SERVE, [], {
    env: { ...process.env, SYSDASH_BIN_DIR: BIN_DIR, HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  return { proc, log: () => log };
}

describe('scripts/serve', () => {
  let stack;

  before(async () => {
    stack = await startStack({ env: { SYSDASH_INTERVAL: '1' } });
  });
  after(async () => {
    await stack?.stop();
  });

  it('answers 200 concurrent requests, all 200', async () => {
    const paths = ['/api/stats', '/api/status', '/api/history?limit=50', '/metrics', '/', '/history'];
    const answers = await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const r = await fetch(`${stack.base}${paths[i % paths.length]}`);
      await r.arrayBuffer();
      return r.status;
    }));
    assert.deepEqual(answers.filter((s) => s !== 200), []);
  });

  it('runs two workers per program, under multiwatch', () => {
    for (const name of ['stats.fcgi', 'status.fcgi', 'history.fcgi']) {
      assert.equal(stack.workerPids(name).length, 2, name);
    }
  });

  it('as root: FastCGI workers run as the service user, nginx workers as the nginx user', { skip: process.getuid() !== 0 }, () => {
    const service = idOf('-u', 'sysdash');
    for (const name of ['stats.fcgi', 'status.fcgi', 'history.fcgi']) {
      for (const pid of stack.workerPids(name)) assert.equal(uidOf(pid), service, name);
    }
    const nginxWorkers = stack.pids().filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('nginx: worker');
      } catch {
        return false;
      }
    });
    assert.ok(nginxWorkers.length >= 1);
    for (const pid of nginxWorkers) assert.equal(uidOf(pid), idOf('-u', 'www-data'));
    const sockets = readdirSync(stack.runDir).filter((n) => n.endsWith('.sock'));
    const want = ['history.sock', 'stats.sock', 'status.sock'];
    if (existsSync(path.join(BIN_DIR, 'action.fcgi'))) want.unshift('action.sock');
    assert.deepEqual(sockets.sort(), want);
    for (const name of sockets) {
      const st = statSync(path.join(stack.runDir, name));
      assert.ok(st.isSocket(), name);
      assert.equal(st.mode & 0o777, 0o660, name);
      assert.equal(st.gid, idOf('-g', 'www-data'), name);
    }
    // nginx's group reads it; others (the service user) only pass through
    assert.equal(statSync(stack.runDir).mode & 0o777, 0o751);
    assert.equal(statSync(stack.runDir).gid, idOf('-g', 'www-data'));
  });

  it('a worker killed with SIGKILL is replaced and requests go on', async () => {
    const before2 = stack.workerPids('stats.fcgi');
    process.kill(before2[0], 'SIGKILL');
    // the other worker serves meanwhile
    for (let i = 0; i < 20; i++) {
      const r = await fetch(`${stack.base}/api/stats`);
      assert.equal(r.status, 200);
      await r.arrayBuffer();
    }
    const now = await until('a new stats.fcgi', () => {
      const pids = stack.workerPids('stats.fcgi');
      return pids.length === 2 && !pids.includes(before2[0]) && pids;
    });
    assert.ok(now.includes(before2[1]));
    // both killed at once: requests wait in the socket backlog, none is lost
    const all = stack.workerPids('status.fcgi');
    for (const pid of all) process.kill(pid, 'SIGKILL');
    // kill() returns before the process is gone, and a worker still alive
    // could accept a request and die with it: wait until both are dead
    // (gone or a zombie) so the requests below can only meet the backlog
    await until('the killed status.fcgi dead', () => all.every((pid) => {
      try {
        return readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0] === 'Z';
      } catch {
        return true;
      }
    }));
    const answers = await Promise.all(Array.from({ length: 20 }, async () => {
      const r = await fetch(`${stack.base}/api/status`);
      return [r.status, (await r.json()).health?.status];
    }));
    for (const [status, health] of answers) {
      assert.equal(status, 200);
      assert.match(health, /^(ok|warn|critical)$/);
    }
    await until('two new status.fcgi', () => {
      const pids = stack.workerPids('status.fcgi');
      return pids.length === 2 && pids.every((p) => !all.includes(p));
    });
  });

  it('the rendered standalone configuration passes nginx -t', () => {
    const conf = path.join(stack.runDir, 'nginx', 'sysdash.conf');
    const r = spawnSync('nginx', ['-t', '-c', conf, '-p', path.join(stack.runDir, 'nginx') + '/'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /test is successful/);
    const text = readFileSync(conf, 'utf8');
    assert.doesNotMatch(text, /fastcgi_keep_conn/);
    assert.doesNotMatch(text, /@SYSDASH_/);
    const loc = readFileSync(path.join(stack.runDir, 'nginx', 'sysdash-fastcgi.conf'), 'utf8');
    assert.match(loc, /^fastcgi_param HTTP_PROXY\s+"";$/m);
    assert.doesNotMatch(loc, /^\s*fastcgi_keep_conn/m);
  });

  it('a second instance on another port and data folder runs beside the first', async () => {
    const other = await startStack({ env: { SYSDASH_SAMPLER: '0' } });
    try {
      await copyFile(path.join(FIX, 'ours.csv'), path.join(other.dataDir, 'metrics.csv'));
      const h2 = await (await fetch(`${other.base}/api/history`)).json();
      assert.equal(h2.data[0].timestamp, '2026-11-24T10:15:30.123+01:00');
      const h1 = await (await fetch(`${stack.base}/api/history`)).json();
      assert.ok(h1.count > 0);
      assert.ok(!h1.data.some((r) => r.timestamp.startsWith('2026-11-24T10:15:3')));
      assert.notEqual(other.runDir, stack.runDir);
    } finally {
      await other.stop();
    }
    // the first one did not notice
    assert.equal((await fetch(`${stack.base}/api/stats`)).status, 200);
  });
});

describe('scripts/serve stopping', () => {
  it('SIGINT (Ctrl-C) stops everything: status 130, no process, no runtime folder', async () => {
    const s = await startStack();
    const pids = s.pids();
    assert.ok(pids.length >= 8, `${pids.length} processes`);
    s.proc.kill('SIGINT');
    assert.equal(await exitOf(s.proc), 130);
    await until('all gone', () => pids.every((p) => !alive(p)), 3000);
    assert.equal(existsSync(s.runDir), false);
    await rm(s.tmp, { recursive: true, force: true });
  });

  it('a child dying on its own (nginx killed) stops the rest, status 1', async () => {
    const s = await startStack();
    const pids = s.pids();
    const nginx = s.pids().find((p) => readFileSync(`/proc/${p}/cmdline`, 'utf8').startsWith('nginx: master'));
    assert.ok(nginx, 'nginx master');
    process.kill(nginx, 'SIGKILL');
    assert.equal(await exitOf(s.proc), 1);
    assert.match(s.log(), /nginx exited/);
    await until('all gone', () => pids.every((p) => p === nginx || !alive(p)), 3000);
    assert.equal(existsSync(s.runDir), false);
    await rm(s.tmp, { recursive: true, force: true });
  });

  it('refuses a bad configuration before starting anything', async () => {
    for (const [env, what] of [[{ CPU_ALERT: 'abc' }, /CPU_ALERT/], [{ SYSDASH_INTERVAL: '-1' }, /SYSDASH_INTERVAL/],
      [{ PORT: '99999' }, /PORT/], [{ HOST: 'a b' }, /HOST/], [{ SYSDASH_URL_PREFIX: 'x' }, /SYSDASH_URL_PREFIX/],
      [{ SYSDASH_WWW_DIR: '/tmp/a b;' }, /SYSDASH_WWW_DIR: .* characters nginx/],
      [{ SYSDASH_WORKERS: '0' }, /SYSDASH_WORKERS/], [{ SYSDASH_BIN_DIR: '/nonexistent' }, /no \/nonexistent\/stats.fcgi/]]) {
      const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-bad-'));
      const { proc, log } = serveRaw({ SYSDASH_DATA_DIR: path.join(tmp, 'data'),
        SYSDASH_RUN_DIR: path.join(tmp, 'run'), ...env, ...(env.PORT ? {} : { PORT: String(await freePort()) }) });
      assert.equal(await exitOf(proc), 1, JSON.stringify(env));
      assert.match(log(), what);
      assert.equal(existsSync(path.join(tmp, 'run')), false);
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('as root: programs the service user cannot reach are named, not "Exec failed"', { skip: process.getuid() !== 0 && 'needs root' }, async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-closed-')); // 0700
    try {
      const bin = path.join(tmp, 'bin');
      execFileSync('cp', ['-a', BIN_DIR, bin]);
      const data = path.join(os.tmpdir(), `sysdash-closed-data-${process.pid}`);
      const { proc, log } = serveRaw({ SYSDASH_BIN_DIR: bin, SYSDASH_DATA_DIR: data,
        SYSDASH_RUN_DIR: path.join(tmp, 'run'), PORT: String(await freePort()) });
      assert.equal(await exitOf(proc), 1);
      assert.match(log(), /sysdash cannot run .*\/bin\/stats\.fcgi: a folder on its path is closed/);
      assert.doesNotMatch(log(), /Exec failed/);
      assert.equal(existsSync(path.join(tmp, 'run')), false);
      await rm(data, { recursive: true, force: true });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });

  it('a port already taken: a clear failure, nothing left', async () => {
    const s = await startStack();
    try {
      const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-busy-'));
      await chmod(tmp, 0o755); // the service user reaches the data folder
      const { proc, log } = serveRaw({ PORT: String(s.port), SYSDASH_DATA_DIR: path.join(tmp, 'data'),
        SYSDASH_RUN_DIR: path.join(tmp, 'run') });
      const pids = [];
      const watch = setInterval(() => pids.push(...descendants(proc.pid)), 20);
      assert.equal(await exitOf(proc), 1);
      clearInterval(watch);
      assert.match(log(), /Address already in use/);
      await until('all gone', () => pids.every((p) => !alive(p)), 3000);
      assert.equal(existsSync(path.join(tmp, 'run')), false);
      await rm(tmp, { recursive: true, force: true });
    } finally {
      await s.stop();
    }
  });

  it('works as an ordinary user', { skip: process.getuid() !== 0 && 'already not root' }, async () => {
    const uid = idOf('-u', 'nobody');
    const gid = idOf('-g', 'nobody');
    const s = await startStack({ uid, gid, env: { SYSDASH_INTERVAL: '1' } });
    try {
      for (const pid of s.pids()) assert.equal(uidOf(pid), uid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
      const h = await until('a sampled row', async () => {
        const r = await (await fetch(`${s.base}/api/history`)).json();
        return r.count > 0 && r;
      });
      assert.ok(h.count > 0);
    } finally {
      await s.stop();
    }
  });
});

describe('mounted under a prefix', () => {
  it('standalone with SYSDASH_URL_PREFIX=/sysdash', async () => {
    const s = await startStack({ env: { SYSDASH_URL_PREFIX: '/sysdash/' } });
    try {
      const get = (p, o) => fetch(`${s.base}${p}`, { redirect: 'manual', ...o });
      assert.equal((await get('/sysdash/api/stats')).status, 200);
      assert.equal((await get('/sysdash/api/history')).status, 200);
      assert.match(await (await get('/sysdash/')).text(), /<html/i);
      assert.match(await (await get('/sysdash/history')).text(), /<html/i);
      const r = await get('/sysdash');
      assert.equal(r.status, 301);
      assert.equal(r.headers.get('location'), '/sysdash/');
      assert.equal((await get('/')).headers.get('location'), '/sysdash/');
      for (const p of ['/api/stats', '/index.html', '/sysdash/api/nope']) {
        const n = await get(p);
        assert.equal(n.status, 404, p);
        assert.deepEqual(await n.json(), { error: 'Not Found' });
      }
    } finally {
      await s.stop();
    }
  });

  it('the drop-in snippet inside an existing nginx server, under /sysdash/', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-dropin-'));
    await chmod(tmp, 0o755);
    const run = path.join(tmp, 'run');
    const dropin = path.join(tmp, 'conf.d');
    const serve = serveRaw({ SYSDASH_NGINX: '0', SYSDASH_RUN_DIR: run, SYSDASH_DATA_DIR: path.join(tmp, 'data') });
    let nginx;
    try {
      await until('sockets', () => ['stats', 'status', 'history'].every((n) => existsSync(`${run}/${n}.sock`)));
      execFileSync(SERVE, ['--render-nginx', dropin], {
        env: { ...process.env, SYSDASH_BIN_DIR: BIN_DIR, SYSDASH_RUN_DIR: run, SYSDASH_URL_PREFIX: '/sysdash' },
        stdio: 'pipe',
      });
      const port = await freePort();
      await mkdir(path.join(tmp, 'temp'));
      const conf = path.join(tmp, 'site.conf');
      await writeFile(conf, `
${process.getuid() === 0 ? 'user www-data www-data;' : ''}
worker_processes 1;
pid ${tmp}/site.pid;
error_log stderr warn;
events { worker_connections 64; }
http {
  types { text/html html; text/css css; application/javascript js; }
  access_log off;
  client_body_temp_path ${tmp}/temp/body;
  fastcgi_temp_path ${tmp}/temp/fastcgi;
  proxy_temp_path ${tmp}/temp/proxy;
  scgi_temp_path ${tmp}/temp/scgi;
  uwsgi_temp_path ${tmp}/temp/uwsgi;
  include ${dropin}/sysdash-http.conf;
  server {
    listen 127.0.0.1:${port};
    location / { return 200 "the existing site\\n"; }
    include ${dropin}/sysdash-locations.conf;
  }
}
`);
      const t = spawnSync('nginx', ['-t', '-c', conf, '-p', `${tmp}/`], { encoding: 'utf8' });
      assert.equal(t.status, 0, t.stderr);
      nginx = spawn('nginx', ['-c', conf, '-p', `${tmp}/`, '-g', 'daemon off;'], { stdio: 'ignore' });
      const base = `http://127.0.0.1:${port}`;
      await until('nginx', async () => {
        try { return (await fetch(`${base}/sysdash/api/stats`)).status === 200; } catch { return false; }
      });
      assert.equal(await (await fetch(`${base}/`)).text(), 'the existing site\n');
      assert.equal(await (await fetch(`${base}/elsewhere`)).text(), 'the existing site\n');
      const stats = await fetch(`${base}/sysdash/api/stats`);
      assert.equal(stats.headers.get('content-type'), 'application/json');
      assert.equal(stats.headers.get('x-content-type-options'), 'nosniff');
      assert.equal(typeof (await stats.json()).cpu_percent, 'number');
      assert.equal((await fetch(`${base}/sysdash/metrics`)).status, 200);
      assert.match(await (await fetch(`${base}/sysdash/`)).text(), /<html/i);
      assert.match(await (await fetch(`${base}/sysdash/history`)).text(), /<html/i);
      const nope = await fetch(`${base}/sysdash/api/nope`);
      assert.equal(nope.status, 404);
      assert.deepEqual(await nope.json(), { error: 'Not Found' });
      const post = await fetch(`${base}/sysdash/api/stats`, { method: 'POST', body: '{}' });
      assert.equal(post.status, 405);
      assert.equal(post.headers.get('allow'), 'GET, HEAD');
    } finally {
      if (nginx) {
        nginx.kill('SIGTERM');
        await exitOf(nginx);
      }
      const pids = descendants(serve.proc.pid);
      serve.proc.kill('SIGTERM');
      assert.equal(await exitOf(serve.proc), 143, serve.log());
      await until('all gone', () => pids.every((p) => !alive(p)), 3000);
      assert.equal(existsSync(run), false, 'run folder removed');
      await rm(tmp, { recursive: true, force: true });
    }
  });
});
