// proxy.mjs: a real nginx in front of sysdash, standing for Render's way in
// (Cloudflare's edge, then Render's proxy, which terminates TLS), for the
// proxy tests of tests/e2e and tests/docker. Every hop appends its peer to
// X-Forwarded-For and sends X-Forwarded-Proto: https; each connects from an
// address of its own on the loopback network (all of 127/8 is local), so
// sysdash can tell the hops and the clients apart:
//
//   client 127.0.0.x -> EDGE (127.0.0.1:edgePort) -from 127.0.0.5->
//   RENDER (127.0.0.1:renderPort) -from 127.0.0.6-> sysdash
//
//   const p = await startProxy(sysdashPort);
//   await post(p.edgePort, '/api/action', { from: '127.0.0.2', headers, body });
//   await p.stop();
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './stack.mjs';

export const EDGE_ADDR = '127.0.0.5';
export const RENDER_ADDR = '127.0.0.6';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function hop(listen, target, bind) {
  return `
  server {
    listen 127.0.0.1:${listen};
    location / {
      proxy_pass http://127.0.0.1:${target};
      proxy_bind ${bind};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto https;
    }
  }`;
}

/** Starts the two hops in one nginx in front of 127.0.0.1:target. */
export async function startProxy(target) {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-proxy-'));
  const edgePort = await freePort();
  const renderPort = await freePort();
  const conf = path.join(tmp, 'proxy.conf');
  await writeFile(conf, `
${process.getuid() === 0 ? 'user nobody nogroup;' : ''}
worker_processes 1;
pid ${tmp}/proxy.pid;
error_log stderr warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${tmp}/body;
  proxy_temp_path ${tmp}/proxy;
  fastcgi_temp_path ${tmp}/fastcgi;
  scgi_temp_path ${tmp}/scgi;
  uwsgi_temp_path ${tmp}/uwsgi;
${hop(edgePort, renderPort, EDGE_ADDR)}
${hop(renderPort, target, RENDER_ADDR)}
}
`);
  const t = spawnSync('nginx', ['-t', '-q', '-c', conf, '-p', `${tmp}/`], { encoding: 'utf8' });
  if (t.status !== 0) throw new Error(`proxy nginx -t: ${t.stderr}`);
  let log = '';
  const proc = spawn('nginx', ['-c', conf, '-p', `${tmp}/`, '-g', 'daemon off;'], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stderr.on('data', (d) => { log += d; });
  for (let i = 0; ; i++) {
    try {
      await get(edgePort, '/api/stats');
      break;
    } catch (e) {
      if (i > 100 || proc.exitCode !== null) throw new Error(`proxy nginx did not start: ${e.message}\n${log}`);
      await sleep(50);
    }
  }
  return {
    edgePort,
    renderPort,
    log: () => log,
    async stop() {
      if (proc.exitCode === null) {
        const done = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        await done;
      }
      await rm(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * One HTTP request to 127.0.0.1:port from the local address `from`;
 * resolves to {status, headers, body}.
 */
export function request(port, urlPath, { method = 'GET', from = '127.0.0.1', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: urlPath, method, localAddress: from,
      headers: { ...(body === undefined ? {} : { 'Content-Length': Buffer.byteLength(body) }), ...headers },
      agent: false, timeout: 10000 }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { data += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data }));
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${urlPath}: timeout`)));
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export const get = (port, urlPath, opts) => request(port, urlPath, opts);

/** POST /api/action {"action": "cleanup_temp"} with a wrong token. */
export function postAction(port, { from, headers = {} } = {}) {
  return request(port, '/api/action', { method: 'POST', from, body: '{"action":"cleanup_temp"}',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer wrong-token-wrong-token', ...headers } });
}
