// stack.mjs: starts the real sysdash stack (scripts/serve: nginx, FastCGI
// workers, sampler) on a free loopback port in a temporary folder, for the
// end-to-end and browser tests, and stops it leaving nothing behind.
//
//   const s = await startStack({ env: { CPU_ALERT: '50' } });
//   const r = await fetch(`${s.base}/api/stats`);
//   await s.stop(); // SIGTERM, waits, asserts no process/socket is left
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { chmod, chown, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN_DIR = path.resolve(process.env.SYSDASH_BIN_DIR || path.join(REPO, 'build'));
export const SERVE = path.join(REPO, 'scripts', 'serve');

const live = new Set();
process.on('exit', () => {
  // a test that forgot stop(): at least do not leave the stack running
  for (const proc of live) proc.kill('SIGTERM');
});

/** A TCP port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** pid -> parent pid for every process, from /proc. */
function processTable() {
  const table = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(name), { ppid: Number(rest[1]), state: rest[0] });
    } catch {
      // gone meanwhile
    }
  }
  return table;
}

/** Every living descendant of pid (zombies count as gone). */
export function descendants(pid) {
  const table = processTable();
  const found = [];
  const todo = [pid];
  while (todo.length) {
    const p = todo.pop();
    for (const [child, info] of table) {
      if (info.ppid === p && info.state !== 'Z') {
        found.push(child);
        todo.push(child);
      }
    }
  }
  return found;
}

/** argv of a process ([] when gone). */
export function commandOf(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

/** True while pid exists and is not a zombie. */
export function alive(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls fn every 50 ms until it gives something truthy; resolves to it. */
export async function until(what, fn, ms = 10000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

function exited(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => proc.once('exit', () => resolve()));
}

async function launch({ env, dataDir, runDir, port, uid, gid }) {
  let log = '';
  const proc = spawn(SERVE, [], {
    ...(uid === undefined ? {} : { uid, gid }),
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SYSDASH_BIN_DIR: BIN_DIR,
      SYSDASH_DATA_DIR: dataDir,
      SYSDASH_RUN_DIR: runDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // always drained: a full pipe would block the workers writing to it
  proc.stdout.on('data', (d) => { log += d; });
  proc.stderr.on('data', (d) => { log += d; });
  live.add(proc);
  proc.once('exit', () => live.delete(proc));
  return { proc, log: () => log };
}

/** Polls /api/stats until it answers 200; resolves to that first body. */
async function waitReady(base, proc, log, prefix) {
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null || proc.signalCode !== null) return null;
    try {
      const r = await fetch(`${base}${prefix}/api/stats`, { signal: AbortSignal.timeout(2000) });
      const body = await r.text();
      if (r.status === 200) return JSON.parse(body);
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  proc.kill('SIGTERM');
  await exited(proc);
  throw new Error(`scripts/serve did not answer within 20 s:\n${log()}`);
}

/**
 * Starts scripts/serve. env is added to the environment (CPU_ALERT,
 * SYSDASH_SAMPLER=0, SYSDASH_URL_PREFIX...). dataDir defaults to a new
 * temporary folder. uid/gid (root only) run serve as another user.
 * Resolves once /api/stats answers 200.
 * Returns {base, port, dataDir, runDir, tmp, proc, firstStats, log(),
 * pids(), workerPids(name), stop()}.
 */
export async function startStack({ env = {}, dataDir, uid, gid } = {}) {
  // SYSDASH_TEST_IMAGE: the same checks against a container of that image
  // (tests/docker runs tests/e2e/api.test.mjs this way)
  if (process.env.SYSDASH_TEST_IMAGE) return startContainerStack(env);
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-test-'));
  // as root the workers run as the nginx user: it must reach the data
  await chmod(tmp, 0o755);
  dataDir = dataDir ? path.resolve(dataDir) : path.join(tmp, 'data');
  await mkdir(dataDir, { recursive: true });
  if (uid !== undefined) {
    // serve as that user: it creates the run folder in tmp, writes data
    await chown(tmp, uid, gid);
    await chown(dataDir, uid, gid);
  }
  const runDir = path.join(tmp, 'run');
  const prefix = (env.SYSDASH_URL_PREFIX || '').replace(/\/$/, '');

  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const { proc, log } = await launch({ env, dataDir, runDir, port, uid, gid });
    const base = `http://127.0.0.1:${port}`;
    const firstStats = await waitReady(base, proc, log, prefix);
    if (firstStats) {
      return makeStack({ base, port, dataDir, runDir, tmp, proc, log, firstStats });
    }
    await exited(proc);
    // another process took the port between freePort() and nginx: retry
    if (attempt < 3 && /Address already in use/.test(log())) continue;
    await rm(tmp, { recursive: true, force: true });
    throw new Error(`scripts/serve exited (${proc.exitCode ?? proc.signalCode}):\n${log()}`);
  }
}

const started = [];

/**
 * A stack of its own for one test (data in a fresh temporary folder),
 * remembered so that stopStacks() stops it once the file's tests are done.
 *   env      variables for the stack, over the defaults
 *   sampler  false: SYSDASH_SAMPLER=0, no sampler runs, so the data folder
 *            holds only what the test puts there (env may still set it)
 *   csv      a file copied into the data folder as metrics.csv once the
 *            stack answers
 */
export async function stackWith(env = {}, { sampler = true, csv } = {}) {
  const s = await startStack({ env: sampler ? env : { SYSDASH_SAMPLER: '0', ...env } });
  started.push(s);
  if (csv) await copyFile(csv, path.join(s.dataDir, 'metrics.csv'));
  return s;
}

/** Stops every stack stackWith started (for an after() hook). */
export function stopStacks() {
  return Promise.all(started.splice(0).map((s) => s.stop()));
}

function makeStack({ base, port, dataDir, runDir, tmp, proc, log, firstStats }) {
  let stopped = null;
  const stack = {
    base,
    port,
    dataDir,
    runDir,
    tmp,
    proc,
    log,
    /** The body of the first /api/stats answer (the readiness probe). */
    firstStats,
    /** pids of every process serve started (nginx, workers, sampler...). */
    pids: () => descendants(proc.pid),
    /** pids of the running copies of one program, e.g. 'stats.fcgi'. */
    workerPids: (name) => descendants(proc.pid).filter((pid) => commandOf(pid)[0]?.endsWith(`/${name}`)),
    /** SIGTERM to serve; asserts it exits 143 and leaves nothing behind. */
    stop: () => {
      stopped ??= stopStack(stack);
      return stopped;
    },
  };
  return stack;
}

async function stopStack({ proc, runDir, tmp, log }) {
  const before = descendants(proc.pid);
  proc.kill('SIGTERM');
  let timer;
  const timeout = new Promise((r) => { timer = setTimeout(() => r('timeout'), 15000); });
  const outcome = await Promise.race([exited(proc), timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    proc.kill('SIGKILL');
    for (const pid of before) try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    throw new Error(`scripts/serve did not stop within 15 s:\n${log()}`);
  }
  // orphans get reaped by init a moment later
  let left = before.filter(alive);
  for (let i = 0; i < 40 && left.length; i++) {
    await sleep(50);
    left = left.filter(alive);
  }
  const runLeft = existsSync(runDir);
  // tmp holds the run folder, and the data folder unless the caller gave one
  await rm(tmp, { recursive: true, force: true });
  assert.deepEqual(left, [], `processes left after stopping serve:\n${log()}`);
  assert.equal(runLeft, false, `runtime folder ${runDir} left behind`);
  assert.equal(proc.exitCode, 143, `serve exit status on SIGTERM:\n${log()}`);
}

/** startStack's answer for a container of SYSDASH_TEST_IMAGE (base, firstStats, stop). */
async function startContainerStack(env) {
  const { run } = await import('./container.mjs');
  const c = await run({ env });
  const firstStats = await (await fetch(`${c.base}/api/stats`)).json();
  let stopped = null;
  return {
    base: c.base,
    port: c.port,
    firstStats,
    log: c.logs,
    /** docker stop: exit status 0 within 10 s, then the container is removed. */
    stop: () => {
      stopped ??= (async () => {
        const { code, ms } = await c.stop();
        const logs = c.logs();
        c.remove();
        assert.equal(code, 0, `exit status on docker stop:\n${logs}`);
        assert.ok(ms < 10000, `docker stop took ${ms} ms`);
      })();
      return stopped;
    },
  };
}
