// container.mjs: the sysdash image in the real Docker engine, for
// tests/docker and scripts/bench-docker. buildImage() builds it from the
// working tree's tracked files (what a clean checkout holds: no build/, no
// node_modules/, no data/), reusing the engine's layer cache; run() starts a
// container with --network host on a free port, as Render sets PORT.
//
//   const img = buildImage();           // 'sysdash:test'
//   const c = await run({ env: { ACTION_TOKEN: '…' }, args: ['--read-only'] });
//   await fetch(`${c.base}/api/stats`);
//   await c.stop();                      // docker stop: resolves to {code, ms}
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { freePort, REPO } from './stack.mjs';

export const IMAGE = process.env.SYSDASH_TEST_IMAGE || 'sysdash:test';
export const BASE = 'debian:12-slim';
export const LABEL = 'sysdash-test=1';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** docker ARGS...: stdout, trimmed; throws with stderr on failure. */
export function docker(...args) {
  const r = spawnSync('docker', args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`docker ${args.join(' ')}: status ${r.status}\n${r.stderr}`);
  return r.stdout.trim();
}

/**
 * Makes sure the engine and the base image exist (tests/docker/base-image).
 * Returns '' when ready, or the SKIPPED line when Docker cannot be had
 * (the script exits 77); throws on a real failure, or under
 * SYSDASH_REQUIRE_DOCKER=1.
 */
export function dockerReady() {
  const script = path.join(REPO, 'tests', 'docker', 'base-image');
  assert.ok(existsSync(script), `${script} is missing`);
  const r = spawnSync(script, [BASE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (r.status === 77) return r.stdout.trim() || 'SKIPPED: Docker-based tests';
  assert.equal(r.status, 0, `tests/docker/base-image failed (status ${r.status}):\n${r.stdout}`);
  return '';
}

/** Builds IMAGE from the tracked files of the working tree; returns seconds. */
export function buildImage(tag = IMAGE) {
  const t0 = Date.now();
  const files = execFileSync('git', ['-C', REPO, 'ls-files', '-z', '--cached'], { encoding: 'utf8' })
    .split('\0').filter((f) => f && existsSync(path.join(REPO, f)));
  const tar = spawnSync('tar', ['-C', REPO, '--null', '-T', '-', '-c'], { input: files.join('\0'), maxBuffer: 256 << 20 });
  assert.equal(tar.status, 0, String(tar.stderr));
  const b = spawnSync('docker', ['build', '--network', 'host', '-q', '-t', tag, '-'],
    { input: tar.stdout, encoding: 'utf8', maxBuffer: 64 << 20 });
  assert.equal(b.status, 0, `docker build failed:\n${b.stdout}\n${b.stderr}`);
  return (Date.now() - t0) / 1000;
}

/** Bytes the image adds to its base, from docker history (layer sizes). */
export function sizeOverBase(tag = IMAGE) {
  const total = Number(docker('image', 'inspect', tag, '--format', '{{.Size}}'));
  const base = Number(docker('image', 'inspect', BASE, '--format', '{{.Size}}'));
  const layers = docker('history', '--no-trunc', '--format', '{{.ID}}\t{{.Size}}', tag).split('\n');
  return { total, base, delta: total - base, layers: layers.length };
}

async function httpStatus(url) {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await r.arrayBuffer();
    return r.status;
  } catch {
    return 0;
  }
}

/** State.Status, ExitCode and Health.Status of a container. */
export function state(name) {
  const out = docker('inspect', name, '--format', '{{.State.Status}} {{.State.ExitCode}} {{if .State.Health}}{{.State.Health.Status}}{{end}}');
  const [status, code, health] = out.split(' ');
  return { status, code: Number(code), health: health || '' };
}

export async function until(what, fn, ms = 20000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * docker run -d IMAGE with --network host and PORT set to a free port.
 * env: extra -e; args: extra docker run options (before the image);
 * wait: false to return before /api/stats answers 200.
 * Returns {name, port, base, logs(), stop(), remove()}.
 */
export async function run({ env = {}, args = [], wait = true, name } = {}) {
  const port = await freePort();
  name ??= `sysdash-test-${process.pid}-${port}`;
  const envArgs = Object.entries({ PORT: String(port), ...env }).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  docker('run', '-d', '--name', name, '--label', LABEL, '--network', 'host', ...envArgs, ...args, IMAGE);
  const c = {
    name,
    port,
    base: `http://127.0.0.1:${port}`,
    logs: () => spawnSync('docker', ['logs', name], { encoding: 'utf8' }).stderr,
    /** docker stop; resolves to {code, ms}. */
    async stop() {
      const t0 = Date.now();
      docker('stop', '--time', '10', name);
      const ms = Date.now() - t0;
      return { code: state(name).code, ms };
    },
    remove: () => spawnSync('docker', ['rm', '-f', '-v', name], { stdio: 'ignore' }),
  };
  if (wait) {
    try {
      await until(`${name} answering`, async () => {
        if (state(name).status === 'exited') throw new Error(`${name} exited:\n${c.logs()}`);
        return (await httpStatus(`${c.base}/api/stats`)) === 200;
      });
    } catch (e) {
      c.remove();
      throw e;
    }
  }
  return c;
}

/** Removes every container run() started in this process. */
export function removeAll() {
  const ids = docker('ps', '-aq', '--filter', `label=${LABEL}`, '--filter', `name=sysdash-test-${process.pid}-`)
    .split('\n').filter(Boolean);
  if (ids.length) spawnSync('docker', ['rm', '-f', '-v', ...ids], { stdio: 'ignore' });
}
