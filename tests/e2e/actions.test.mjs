// actions.test.mjs: POST /api/action and GET /api/actions against the real
// stack (scripts/serve: nginx, action.fcgi workers, sampler), and
// action.fcgi run as plain CGI for what nginx would hide. Every status code
// of issue 6 with its audit line (and never the token in the audit file),
// hostile bodies, cleanup_temp on a hostile temp folder, collect_logs and
// its retention, the rate limit, the per-action lock, what a child process
// inherits (a compiled probe stands in for resolvectl/systemctl through
// SYSDASH_ACTION_TEST_EXEC), no outbound connection for a Proxy header, and
// the sudoers drop-in.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync, existsSync, lchownSync, mkdirSync, mkdtempSync, readdirSync, readFileSync,
  rmSync, statSync, symlinkSync, writeFileSync, chownSync, lstatSync,
} from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, beforeEach, describe, it } from 'node:test';
import { BIN_DIR, REPO, commandOf, startStack } from '../lib/stack.mjs';

const NAMES = ['flush_dns', 'restart_spooler', 'cleanup_temp', 'cleanup_teams',
  'cleanup_outlook', 'collect_logs'];
const FIXED_ENV = ['HOME=/', 'LANG=C.UTF-8', 'PATH=/usr/sbin:/usr/bin:/sbin:/bin'];
const TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;
const IS_ROOT = process.getuid() === 0;
const TOKEN = `tok-${randomBytes(18).toString('base64url')}`;
// wrong tokens are secrets too (a near miss of the real one): never logged
const WRONG = `wrong-${randomBytes(12).toString('hex')}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---- scratch: the probe, the temp folder, a TCP trap ------------------------

const scratch = mkdtempSync(path.join(os.tmpdir(), 'sysdash-act-'));
chmodSync(scratch, 0o755); // the workers (www-data as root) run the probe
const probeOut = path.join(scratch, 'probe-out');
const probe = path.join(scratch, 'probe');

// Stands in for resolvectl/systemctl: before anything else it lists the
// descriptors it was given (leaving out the one its own listing opens),
// then writes argv, environ, ids and signal state to probe-out/<argv1>-<pid>
// (renamed into place, so a reader never sees half). Sleeps 2 s while
// probe-out/sleep exists. C rather than a shell script: a shell holds its
// script open and saves descriptors around redirections, which would blur
// the very thing measured.
const PROBE_C = String.raw`
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
extern char **environ;
int main(int argc, char **argv)
{
	static char fds[64][700];
	char link[300], target[600], path[4200], part[4300], line[512];
	int nfd = 0;
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	FILE *out, *st;
	if (d) {
		while ((e = readdir(d)) && nfd < 64) {
			ssize_t n;
			if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
				continue;
			snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
			n = readlink(link, target, sizeof target - 1);
			target[n < 0 ? 0 : n] = 0;
			snprintf(fds[nfd++], sizeof fds[0], "%s\t%s", e->d_name, target);
		}
		closedir(d);
	}
	snprintf(path, sizeof path, "%s/%s-%ld.txt", OUT_DIR,
	         argc > 1 ? argv[1] : "none", (long)getpid());
	snprintf(part, sizeof part, "%s.part", path);
	if (!(out = fopen(part, "w")))
		return 3;
	for (int i = 0; i < argc; i++)
		fprintf(out, "argv\t%s\n", argv[i]);
	for (char **v = environ; *v; v++)
		fprintf(out, "env\t%s\n", *v);
	for (int i = 0; i < nfd; i++)
		fprintf(out, "fd\t%s\n", fds[i]);
	fprintf(out, "uid\t%d\npid\t%d\npgid\t%d\n", (int)getuid(), (int)getpid(),
	        (int)getpgrp());
	if ((st = fopen("/proc/self/status", "r"))) {
		while (fgets(line, sizeof line, st))
			if (!strncmp(line, "SigBlk:", 7) || !strncmp(line, "SigIgn:", 7))
				fprintf(out, "%.6s\t%s", line, line + 8);
		fclose(st);
	}
	fclose(out);
	rename(part, path);
	snprintf(path, sizeof path, "%s/sleep", OUT_DIR);
	if (access(path, F_OK) == 0)
		sleep(2);
	puts("probe done");
	return 0;
}
`;

function buildProbe() {
  mkdirSync(probeOut, { mode: 0o777 });
  chmodSync(probeOut, 0o777);
  const src = path.join(scratch, 'probe.c');
  writeFileSync(src, PROBE_C);
  execFileSync('cc', ['-std=c17', '-D_GNU_SOURCE', `-DOUT_DIR="${probeOut}"`, '-o', probe, src]);
  chmodSync(probe, 0o755);
}

/** Probe reports written so far: [{file, argv, env, fds: {n: target}, uid, pid, pgid, sigblk, sigign}]. */
function probeReports() {
  return readdirSync(probeOut).filter((f) => f.endsWith('.txt')).sort().map((file) => {
    const r = { file, argv: [], env: [], fds: {} };
    for (const line of readFileSync(path.join(probeOut, file), 'utf8').split('\n')) {
      const [key, ...rest] = line.split('\t');
      if (key === 'argv' || key === 'env') r[key].push(rest.join('\t'));
      else if (key === 'fd') r.fds[rest[0]] = rest.slice(1).join('\t');
      else if (key) r[key.toLowerCase().replace(':', '')] = rest.join('\t').trim();
    }
    return r;
  });
}

function clearProbe() {
  for (const f of readdirSync(probeOut)) rmSync(path.join(probeOut, f), { force: true });
}

/** Asserts one probe report shows the clean slate of lib/run.c. */
function assertCleanChild(rep, argv, uid, what) {
  assert.deepEqual(rep.argv, argv, `${what}: the fixed argv`);
  assert.deepEqual([...rep.env].sort(), FIXED_ENV, `${what}: exactly the fixed environment`);
  assert.ok(!rep.env.some((e) => /^(HTTP_|LD_)/.test(e)), `${what}: no HTTP_* or LD_*`);
  assert.deepEqual(Object.keys(rep.fds).sort(), ['0', '1', '2'],
    `${what}: only descriptors 0-2, got ${JSON.stringify(rep.fds)}`);
  assert.equal(rep.fds[0], '/dev/null', `${what}: stdin`);
  assert.match(rep.fds[1], /^pipe:\[\d+\]$/, `${what}: stdout is the capture pipe`);
  assert.equal(rep.fds[2], rep.fds[1], `${what}: stderr is the same pipe`);
  assert.equal(Number(rep.uid), uid, `${what}: uid`);
  assert.equal(rep.pgid, rep.pid, `${what}: leads its own process group`);
  assert.equal(rep.sigblk, '0000000000000000', `${what}: no blocked signals`);
  assert.equal(BigInt(`0x${rep.sigign}`) & (1n << 12n), 0n, `${what}: SIGPIPE not ignored`);
}

// ---- HTTP ---------------------------------------------------------------------

/**
 * One request over a fresh connection with exactly the given headers (fetch
 * would refuse Proxy and Sec-Fetch-* or add its own). Resolves
 * {status, headers, text, json}. A body nginx refuses early may break the
 * upload; the answer still counts when it came.
 */
function request(base, { method = 'POST', path: p = '/api/action', headers = {}, body, chunks } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(base);
    const h = { ...headers };
    if (body !== undefined && !Object.keys(h).some((k) => k.toLowerCase() === 'content-length')) {
      // Buffer.byteLength takes strings and Buffers alike
      h['Content-Length'] = Buffer.byteLength(body);
    }
    const req = http.request({ host: u.hostname, port: u.port, method, path: p, headers: h, agent: false });
    let answered = false;
    req.setTimeout(40000, () => req.destroy(new Error(`${method} ${p}: no answer in 40 s`)));
    req.on('response', (res) => {
      answered = true;
      const got = [];
      res.on('data', (c) => got.push(c));
      res.on('end', () => {
        const text = Buffer.concat(got).toString('utf8');
        let json;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode, headers: res.headers, text, json });
      });
    });
    req.on('error', (e) => { if (!answered) reject(e); });
    if (chunks) {
      for (const c of chunks) req.write(c);
      req.end();
    } else {
      req.end(body);
    }
  });
}

const JSON_TYPE = { 'Content-Type': 'application/json' };
const bearer = (t) => ({ Authorization: `Bearer ${t}` });

/** POST /api/action with a JSON body (object or raw string) and the right token unless told. */
function act(stack, body, { token = TOKEN, headers = {}, path: p } = {}) {
  return request(stack.base, {
    path: p,
    headers: { ...JSON_TYPE, ...(token ? bearer(token) : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

function assertError(r, status, what, msg) {
  assert.equal(r.status, status, `${what}: ${r.text}`);
  assert.match(r.headers['content-type'] ?? '', /^application\/json/, `${what}: JSON`);
  assert.equal(typeof r.json?.error, 'string', `${what}: {"error": ...} in ${r.text}`);
  if (msg) assert.match(r.json.error, msg, what);
}

// ---- the audit log ----------------------------------------------------------------

/** The raw bytes of <data>/actions.jsonl (empty when it does not exist). */
function auditText(stack) {
  const file = path.join(stack.dataDir, 'actions.jsonl');
  return existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
}

/** Follows one stack's audit log (a worker appends its line after answering). */
function auditor(stack) {
  let seen = 0;
  return {
    /** The n lines appended since the last call (waits up to 3 s for them). */
    async next(n = 1) {
      let lines = [];
      for (let i = 0; i < 60; i++) {
        lines = auditText(stack).toString('utf8').split('\n').filter(Boolean);
        if (lines.length >= seen + n) break;
        await sleep(50);
      }
      const fresh = lines.slice(seen);
      seen = lines.length;
      assert.equal(fresh.length, n, `audit lines appended: ${fresh.join('\n')}`);
      return fresh.map((l) => JSON.parse(l));
    },
    /** Skips whatever an earlier (maybe failed) test left unread. */
    async sync() {
      await sleep(80);
      seen = auditText(stack).toString('utf8').split('\n').filter(Boolean).length;
    },
    /** Asserts that nothing was appended within `ms`. */
    async none(ms = 300) {
      await sleep(ms);
      const lines = auditText(stack).toString('utf8').split('\n').filter(Boolean);
      assert.deepEqual(lines.slice(seen), [], 'no audit line');
    },
  };
}

function assertAudit(line, { status, outcome, action }, what) {
  assert.match(line.time, TS, `${what}: time`);
  assert.equal(line.client, '127.0.0.1', `${what}: client`);
  assert.equal(line.status, status, `${what}: status`);
  assert.equal(line.outcome, outcome, `${what}: outcome`);
  assert.equal(line.action, action, `${what}: action`);
  assert.equal(typeof line.duration_ms, 'number', `${what}: duration_ms`);
  assert.ok(line.duration_ms >= 0 && line.duration_ms < 60000, `${what}: duration_ms ${line.duration_ms}`);
  assert.equal(typeof line.message, 'string', `${what}: message`);
  assert.ok(!('token' in line), `${what}: no token field`);
}

/** The raw audit file holds none of the secrets, one JSON object a line
 * (and, unless told, is valid UTF-8). */
function assertAuditClean(stack, secrets, { utf8 = true } = {}) {
  const raw = auditText(stack);
  const text = raw.toString('latin1');
  for (const s of secrets) {
    assert.ok(!text.includes(s), `the audit file holds the secret ${s.slice(0, 8)}...`);
  }
  if (utf8) {
    assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(raw),
      'the audit file is valid UTF-8');
  }
  for (const line of raw.toString('utf8').split('\n').filter(Boolean)) {
    assert.equal(typeof JSON.parse(line), 'object', line);
  }
}

// ---- helpers on the stack -----------------------------------------------------------

/** The uid the action workers run as (www-data when the stack runs as root). */
function workerUid(stack) {
  const pid = stack.workerPids('action.fcgi')[0];
  assert.ok(pid, `an action.fcgi worker runs:\n${stack.log()}`);
  return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)[1]);
}

/** Runs BIN_DIR/action.fcgi once as plain CGI; parses the CGI answer. */
function cgi(env, body = '') {
  const r = spawnSync(path.join(BIN_DIR, 'action.fcgi'), [], {
    env: { GATEWAY_INTERFACE: 'CGI/1.1', REQUEST_METHOD: 'POST', PATH_INFO: '/api/action', ...env },
    input: body,
    timeout: 20000,
  });
  const out = r.stdout.toString('utf8');
  const split = out.indexOf('\r\n\r\n');
  const headers = {};
  for (const line of (split < 0 ? out : out.slice(0, split)).split('\r\n').filter(Boolean)) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).toLowerCase()] = line.slice(i + 1).trim();
  }
  const text = split < 0 ? '' : out.slice(split + 4);
  let json;
  try { json = JSON.parse(text); } catch { json = undefined; }
  return {
    code: r.status, stderr: r.stderr.toString(), headers, text, json,
    status: Number(headers.status?.split(' ')[0]),
  };
}

// ---- the stacks ------------------------------------------------------------------------

const stacks = [];
let main; // ACTION_TOKEN, the probe, a hostile environment, a generous rate
let audit;
let uid;
const tmpdir = path.join(scratch, 'tmp');
let trap; // a TCP listener counting connections
let trapPort;
let trapHits = 0;

before(async () => {
  buildProbe();
  mkdirSync(tmpdir);
  chmodSync(tmpdir, 0o1777); // like /tmp
  trap = net.createServer((c) => { trapHits++; c.destroy(); });
  trapPort = await new Promise((resolve) => trap.listen(0, '127.0.0.1', () => resolve(trap.address().port)));
  main = await startStack({
    env: {
      ACTION_TOKEN: TOKEN,
      TMPDIR: tmpdir,
      SYSDASH_ACTION_TEST_EXEC: probe,
      // the limit is tested on its own stack; here it must not trip
      SYSDASH_ACTION_RATE: '6000r/m',
      SYSDASH_ACTION_BURST: '1000',
      // none of these may reach a child
      LD_LIBRARY_PATH: '/x',
      FOO_SECRET: '1',
      http_proxy: `http://127.0.0.1:${trapPort}`,
      HTTPS_PROXY: `http://127.0.0.1:${trapPort}`,
    },
  });
  stacks.push(main);
  audit = auditor(main);
  uid = workerUid(main);
});

// a test that failed half-way must not shift the next one's audit lines
beforeEach(async () => {
  await audit?.sync();
});

after(async () => {
  const errors = [];
  for (const s of stacks) {
    try { await s.stop(); } catch (e) { errors.push(e); }
  }
  trap?.close();
  rmSync(scratch, { recursive: true, force: true });
  if (errors.length) throw errors[0];
});

async function extraStack(env) {
  const s = await startStack({ env });
  stacks.push(s);
  return s;
}

// ---- tests -------------------------------------------------------------------------------

describe('authentication', () => {
  it('no ACTION_TOKEN: 403 saying how to enable actions, audited; the listing says so', async () => {
    const s = await extraStack({});
    const a = auditor(s);
    for (const headers of [{}, bearer(TOKEN)]) {
      const r = await act(s, { action: 'cleanup_temp' }, { token: null, headers });
      assertError(r, 403, 'no token configured', /ACTION_TOKEN/);
      assert.match(r.json.error, /enable/);
      assertAudit((await a.next())[0], { status: 403, outcome: 'refused', action: null }, 'no token configured');
    }
    const list = await request(s.base, { method: 'GET', path: '/api/actions' });
    assert.equal(list.status, 200);
    assert.equal(list.json.enabled, false);
    assert.match(list.json.disabled_reason, /ACTION_TOKEN/);
    assertAuditClean(s, [TOKEN]);
  });

  it('a token under 16 characters: a message at start, actions stay disabled', async () => {
    const short = 'short-tok-15chr';
    assert.equal(short.length, 15);
    const s = await extraStack({ ACTION_TOKEN: short });
    assert.match(s.log(), /action\.fcgi: the token in ACTION_TOKEN_FILE must be 16 to 511 .*disabled/, s.log());
    const a = auditor(s);
    for (const token of [short, null]) {
      const r = await act(s, { action: 'cleanup_outlook' }, { token });
      assertError(r, 403, 'short token', /16 characters/);
      assertAudit((await a.next())[0], { status: 403, outcome: 'refused', action: null }, 'short token');
    }
    const list = await request(s.base, { method: 'GET', path: '/api/actions' });
    assert.equal(list.json.enabled, false);
    assertAuditClean(s, [short]);
  });

  it('missing token: 401 with WWW-Authenticate: Bearer', async () => {
    const r = await act(main, { action: 'cleanup_outlook' }, { token: null });
    assertError(r, 401, 'missing token');
    assert.deepEqual(r.json, { error: 'Unauthorized' });
    assert.match(r.headers['www-authenticate'] ?? '', /^Bearer\b/);
    assertAudit((await audit.next())[0], { status: 401, outcome: 'refused', action: 'cleanup_outlook' }, 'missing');
  });

  it('wrong token (header, body, a prefix, the token plus one): 401', async () => {
    const cases = [
      [{ action: 'cleanup_outlook' }, { token: WRONG }],
      [{ action: 'cleanup_outlook', token: WRONG }, { token: null }],
      [{ action: 'cleanup_outlook' }, { token: TOKEN.slice(0, -1) }],
      [{ action: 'cleanup_outlook' }, { token: `${TOKEN}x` }],
      // the header wins over a right token in the body
      [{ action: 'cleanup_outlook', token: TOKEN }, { token: WRONG }],
      // not a Bearer scheme: no token at all
      [{ action: 'cleanup_outlook' }, { token: null, headers: { Authorization: `Basic ${TOKEN}` } }],
    ];
    for (const [body, opts] of cases) {
      const r = await act(main, body, opts);
      assertError(r, 401, `wrong token ${JSON.stringify(opts).slice(0, 40)}`);
      assert.match(r.headers['www-authenticate'] ?? '', /^Bearer\b/);
      assertAudit((await audit.next())[0], { status: 401, outcome: 'refused', action: 'cleanup_outlook' }, 'wrong');
    }
  });

  // /proc/<pid>/environ shows a process's first environment (unsetenv()
  // does not change it) to every process of the same user: with workers
  // running as www-data, to any other www-data program on the host.
  it('the token is not left in the environment of the stack processes', () => {
    const holders = [];
    for (const pid of main.pids()) {
      const argv = commandOf(pid);
      let env;
      try {
        env = readFileSync(`/proc/${pid}/environ`, 'latin1');
      } catch {
        continue; // gone meanwhile
      }
      if (env.includes(TOKEN)) holders.push(`${pid} ${argv.join(' ').slice(0, 70)}`);
    }
    assert.deepEqual(holders, [], 'processes whose /proc/<pid>/environ shows ACTION_TOKEN');
  });

  it('never from the query string', async () => {
    const r = await act(main, { action: 'cleanup_outlook' },
      { token: null, path: `/api/action?token=${encodeURIComponent(TOKEN)}` });
    assertError(r, 401, 'token in the query');
    assertAudit((await audit.next())[0], { status: 401, outcome: 'refused', action: 'cleanup_outlook' }, 'query');
  });

  it('right token in the header, or in the body "token" field: 200', async () => {
    for (const [body, opts, what] of [
      [{ action: 'cleanup_outlook' }, {}, 'Authorization: Bearer'],
      [{ action: 'cleanup_outlook' }, { headers: { Authorization: `bearer ${TOKEN}` } }, 'lower-case scheme'],
      [{ action: 'cleanup_outlook', token: TOKEN }, { token: null }, 'body token'],
    ]) {
      const r = await act(main, body, opts);
      assert.equal(r.status, 200, `${what}: ${r.text}`);
      assert.equal(r.json.action, 'cleanup_outlook');
      assert.equal(r.json.ok, false, 'Outlook keeps no cache on Linux');
      assert.match(r.json.message, /Outlook/);
      assertAudit((await audit.next())[0], { status: 200, outcome: 'failed', action: 'cleanup_outlook' }, what);
    }
  });
});

describe('request checks', () => {
  it('wrong or missing content type: 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/jsonx', null]) {
      const headers = { ...bearer(TOKEN) };
      if (type) headers['Content-Type'] = type;
      const r = await request(main.base, { headers, body: JSON.stringify({ action: 'cleanup_outlook' }) });
      assertError(r, 415, `Content-Type ${type}`, /application\/json/);
      assertAudit((await audit.next())[0], { status: 415, outcome: 'refused', action: null }, `type ${type}`);
    }
    // parameters and case are fine
    const r = await act(main, { action: 'cleanup_outlook' }, { headers: { 'Content-Type': 'Application/JSON; charset=utf-8' } });
    assert.equal(r.status, 200, r.text);
    await audit.next();
  });

  it('bad JSON, arrays, numbers, trailing data, deep nesting, NUL: 400', async () => {
    // every case runs; the failures are listed together
    const bodies = [
      ['{"action":', 'not valid JSON'],
      ['', 'not valid JSON'],
      ['["cleanup_outlook"]', 'JSON object'],
      ['42', 'JSON object'],
      ['"cleanup_outlook"', 'JSON object'],
      ['null', 'JSON object'],
      ['true', 'JSON object'],
      ['{"action":"cleanup_outlook"} junk', 'not valid JSON'],
      ['{"action":"cleanup_outlook"}{"action":"collect_logs"}', 'not valid JSON'],
      [`{"a":${'['.repeat(20)}${']'.repeat(20)},"action":"cleanup_outlook"}`, 'not valid JSON'],
      ['{"action":"cleanup_outlook"}\u0000{"action":"collect_logs"}', 'not valid JSON'],
      // what json-c takes only when it is not strict: none of it is JSON
      ["{'action': 'cleanup_outlook'}", 'not valid JSON'],
      ['{"action":"cleanup_outlook",}', 'not valid JSON'],
      ['{"action":"cleanup_outlook" /* comment */}', 'not valid JSON'],
      ['{"action":"cleanup_outlook","x":True}', 'not valid JSON'],
      ['{"action":"cleanup_outlook","x":[1,]}', 'not valid JSON'],
      ['{"action":"cleanup_outlook","x":007}', 'not valid JSON'],
      [Buffer.from([...Buffer.from('{"action":"cleanup_outlook","x":"'), 0xff, 0xfe, ...Buffer.from('"}')]), 'not valid JSON'],
    ];
    const wrong = [];
    for (const [body, msg] of bodies) {
      const r = await request(main.base, { headers: { ...JSON_TYPE, ...bearer(TOKEN) }, body });
      const [line] = await audit.next();
      assert.equal(line.status, r.status, 'the audit line has the answer\'s status');
      if (r.status !== 400 || !new RegExp(msg).test(r.json?.error ?? '')) {
        wrong.push(`${JSON.stringify(body.toString('latin1'))} -> ${r.status} ${r.text}`);
        continue;
      }
      assertError(r, 400, `body ${JSON.stringify(body.toString())}`);
      assertAudit(line, { status: 400, outcome: 'refused', action: null }, `body ${body.toString().slice(0, 30)}`);
    }
    assert.deepEqual(wrong, [], 'bodies that are not a JSON object must get 400');
  });

  it('unknown, hostile or mistyped action names: 400, nothing runs', async () => {
    clearProbe();
    const cases = [
      [{ action: 'reboot' }, 'reboot'],
      [{ action: '../../bin/sh' }, '../../bin/sh'],
      [{ action: '/usr/bin/resolvectl' }, '/usr/bin/resolvectl'],
      [{ action: 'flush_dns; rm -rf /' }, 'flush_dns; rm -rf /'],
      [{ action: 'FLUSH_DNS' }, 'FLUSH_DNS'],
      [{ action: 'flush_dns ' }, 'flush_dns '],
      [{ action: '' }, ''],
      [{ action: ['flush_dns'] }, null],
      [{ action: 42 }, null],
      [{ action: { name: 'flush_dns' } }, null],
      [{ action: null }, null],
      [{}, null],
      [{ action: 'x\n{"outcome":"ok","status":200}' }, 'x\n{"outcome":"ok","status":200}'],
    ];
    const wrong = [];
    for (const [body, recorded] of cases) {
      const r = await act(main, body);
      const [line] = await audit.next();
      if (r.status !== 400) {
        wrong.push(`${JSON.stringify(body)} -> ${r.status} ${r.text}`);
        continue;
      }
      assertError(r, 400, `action ${JSON.stringify(body.action)}`, /unknown action/);
      for (const n of NAMES) assert.ok(r.json.error.includes(n), `the error lists ${n}`);
      assertAudit(line, { status: 400, outcome: 'refused', action: recorded }, `action ${JSON.stringify(body.action)}`);
    }
    assert.deepEqual(wrong, [], 'names that are not approved must get 400');
    assert.deepEqual(probeReports(), [], 'no command ran');
  });

  it('an approved name with a NUL and more after it is not that action', async () => {
    clearProbe();
    const r = await act(main, '{"action":"flush_dns\\u0000../../bin/sh"}');
    const [line] = await audit.next();
    assert.deepEqual(probeReports().map((p) => p.argv), [], 'flush_dns must not run');
    assertError(r, 400, 'flush_dns\\u0000...', /unknown action/);
    assert.equal(line.status, 400);
  });

  it('a body token with a NUL and more after it is not the token', async () => {
    const r = await act(main, `{"action":"cleanup_outlook","token":"${TOKEN}\\u0000${WRONG}"}`, { token: null });
    await audit.next();
    assertError(r, 401, 'token\\u0000...');
  });

  it('a hostile name is kept in the audit cut to 64 bytes, still valid UTF-8', async () => {
    const name = `a${'é'.repeat(40)}`; // byte 64 falls inside an é
    const r = await act(main, { action: name });
    assertError(r, 400, 'long UTF-8 name');
    const [line] = await audit.next();
    assert.ok(Buffer.byteLength(line.action) <= 64, line.action);
    assert.ok(name.startsWith(line.action.replace(/\uFFFD$/, '')), line.action);
    assertAuditClean(main, []);
  });

  it('5 KiB and 1 MB bodies: 413 from nginx, as JSON; 4096 bytes pass', async () => {
    const pad = (n) => {
      const base = JSON.stringify({ action: 'cleanup_outlook', pad: '' });
      return JSON.stringify({ action: 'cleanup_outlook', pad: 'x'.repeat(n - base.length) });
    };
    assert.equal(pad(4096).length, 4096);
    const ok = await act(main, pad(4096));
    assert.equal(ok.status, 200, `4096 bytes: ${ok.text}`);
    await audit.next();
    for (const [what, body] of [
      ['4097 bytes', pad(4097)],
      ['5 KiB', pad(5 * 1024)],
      ['a 1 MB string', JSON.stringify({ action: 'x'.repeat(1 << 20) })],
    ]) {
      const r = await act(main, body);
      assertError(r, 413, what);
    }
    // chunked, so nginx learns the size only while reading
    const r = await request(main.base, {
      headers: { ...JSON_TYPE, ...bearer(TOKEN), 'Transfer-Encoding': 'chunked' },
      chunks: ['{"action":"cleanup_outlook","pad":"', 'x'.repeat(3000), 'x'.repeat(3000), '"}'],
    });
    assertError(r, 413, 'chunked 6 KiB');
    await audit.sync(); // their audit lines are the next test's business
    // a small chunked body works
    const small = await request(main.base, {
      headers: { ...JSON_TYPE, ...bearer(TOKEN), 'Transfer-Encoding': 'chunked' },
      chunks: ['{"action":', '"cleanup_outlook"}'],
    });
    assert.equal(small.status, 200, small.text);
    await audit.next();
  });

  // issue 6: "Every attempt, allowed or not, appends one JSON line"
  it('a body refused by nginx (413) is still an audited attempt', async () => {
    const r = await act(main, JSON.stringify({ action: 'cleanup_outlook', pad: 'x'.repeat(5000) }));
    assert.equal(r.status, 413);
    const [line] = await audit.next();
    assertAudit(line, { status: 413, outcome: 'refused', action: null }, 'nginx 413');
  });

  it('a foreign Origin or Sec-Fetch-Site: cross-site: 403, even with the right token', async () => {
    const own = main.base;
    for (const [headers, what] of [
      [{ Origin: 'http://evil.example' }, 'foreign Origin'],
      [{ Origin: 'null' }, 'Origin: null'],
      [{ Origin: `${own}.evil.example` }, 'own origin as a prefix'],
      [{ Origin: `http://127.0.0.1:${main.port + 1}` }, 'another port'],
      [{ 'Sec-Fetch-Site': 'cross-site' }, 'Sec-Fetch-Site: cross-site'],
      [{ 'Sec-Fetch-Site': 'cross-site', Origin: own }, 'cross-site with our Origin'],
    ]) {
      const r = await act(main, { action: 'cleanup_outlook' }, { headers });
      assertError(r, 403, what, /refused/);
      assertAudit((await audit.next())[0], { status: 403, outcome: 'refused', action: null }, what);
    }
    for (const [headers, what] of [
      [{ Origin: own }, 'our own Origin'],
      [{ 'Sec-Fetch-Site': 'same-origin', Origin: own }, 'same-origin'],
      [{ 'Sec-Fetch-Site': 'none' }, 'typed by the user'],
    ]) {
      const r = await act(main, { action: 'cleanup_outlook' }, { headers });
      assert.equal(r.status, 200, `${what}: ${r.text}`);
      await audit.next();
    }
  });

  it('GET /api/action: 405 with Allow: POST; POST /api/actions: 405', async () => {
    for (const method of ['GET', 'HEAD', 'PUT', 'DELETE']) {
      const r = await request(main.base, { method, headers: bearer(TOKEN) });
      assert.equal(r.status, 405, `${method} /api/action`);
      assert.equal(r.headers.allow, 'POST', `${method} /api/action`);
      if (method !== 'HEAD') assertError(r, 405, `${method} /api/action`);
    }
    const r = await request(main.base, { path: '/api/actions', headers: JSON_TYPE, body: '{}' });
    assertError(r, 405, 'POST /api/actions');
    assert.equal(r.headers.allow, 'GET, HEAD');
  });

  it('GET /api/actions lists the six with available and reason', async () => {
    const r = await request(main.base, { method: 'GET', path: '/api/actions' });
    assert.equal(r.status, 200);
    assert.match(r.headers['content-type'], /^application\/json/);
    assert.deepEqual(r.json.actions.map((a) => a.name), NAMES);
    assert.equal(r.json.enabled, true);
    for (const a of r.json.actions) {
      assert.deepEqual(Object.keys(a).sort(), ['available', 'name', 'reason'], a.name);
      assert.equal(typeof a.available, 'boolean', a.name);
      assert.equal(typeof a.reason, 'string', a.name);
      assert.equal(a.reason === '', a.available, `${a.name}: a reason exactly when unavailable`);
    }
    const by = Object.fromEntries(r.json.actions.map((a) => [a.name, a]));
    // the probe stands in for resolvectl and systemctl here
    assert.equal(by.flush_dns.available, true);
    assert.equal(by.restart_spooler.available, true);
    assert.equal(by.cleanup_temp.available, true);
    assert.equal(by.collect_logs.available, true);
    assert.equal(by.cleanup_outlook.available, false);
    assert.match(by.cleanup_outlook.reason, /Outlook/);
    // GET /api/actions is not an attempt
    await audit.none(100);
  });
});

describe('what a child process gets', () => {
  it('flush_dns and restart_spooler: fixed argv, environment and descriptors', async () => {
    clearProbe();
    const headers = {
      'X-Secret': 'header-secret', Cookie: 'session=cookie-secret',
      'LD-Preload': '/tmp/evil.so', Proxy: `http://127.0.0.1:${trapPort}`,
    };
    for (const action of ['flush_dns', 'restart_spooler']) {
      const r = await act(main, { action, token: TOKEN }, { headers });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.ok, true, r.text);
      assertAudit((await audit.next())[0], { status: 200, outcome: 'ok', action }, action);
    }
    const reps = probeReports();
    assert.equal(reps.length, 2, JSON.stringify(reps));
    const byArg = Object.fromEntries(reps.map((rep) => [rep.argv[1], rep]));
    assertCleanChild(byArg['flush-caches'], ['resolvectl', 'flush-caches'], uid, 'flush_dns');
    assertCleanChild(byArg.restart, ['systemctl', 'restart', 'cups.service'], uid, 'restart_spooler');
    for (const rep of reps) {
      const raw = readFileSync(path.join(probeOut, rep.file), 'utf8');
      for (const s of [TOKEN, 'header-secret', 'cookie-secret', 'FOO_SECRET', '/x']) {
        assert.ok(!raw.includes(s), `${rep.file} holds ${s}`);
      }
    }
    assert.equal(trapHits, 0, 'no connection to the proxy');
  });

  it('as plain CGI too: nothing of the request or of the starter reaches the child', () => {
    clearProbe();
    const data = mkdtempSync(path.join(scratch, 'cgi-'));
    const r = cgi({
      ACTION_TOKEN: TOKEN, SYSDASH_DATA_DIR: data, SYSDASH_ACTION_TEST_EXEC: probe,
      CONTENT_TYPE: 'application/json', HTTP_AUTHORIZATION: `Bearer ${TOKEN}`,
      HTTP_X_SECRET: 'header-secret', HTTP_PROXY: `http://127.0.0.1:${trapPort}`,
      LD_LIBRARY_PATH: '/x', LD_BIND_NOW: '1', FOO_SECRET: '1', REMOTE_ADDR: '127.0.0.1',
      CONTENT_LENGTH: String(Buffer.byteLength('{"action":"flush_dns"}')),
    }, '{"action":"flush_dns"}');
    assert.equal(r.status, 200, r.text + r.stderr);
    assert.equal(r.json.ok, true, r.text);
    const [rep] = probeReports();
    assert.ok(rep, 'the probe ran');
    assertCleanChild(rep, ['resolvectl', 'flush-caches'], process.getuid(), 'CGI flush_dns');
    assert.ok(!readFileSync(path.join(probeOut, rep.file), 'utf8').includes(TOKEN));
    assert.ok(!readFileSync(path.join(data, 'actions.jsonl'), 'utf8').includes(TOKEN));
    assert.equal(trapHits, 0, 'no connection to the proxy');
  });

  it('a Proxy header makes no outbound connection (collect_logs, flush_dns)', async () => {
    const before = trapHits;
    for (const action of ['collect_logs', 'flush_dns']) {
      const r = await act(main, { action }, { headers: { Proxy: `http://127.0.0.1:${trapPort}` } });
      assert.equal(r.status, 200, r.text);
      assert.equal(r.json.ok, true, r.text);
      await audit.next();
    }
    await sleep(300);
    assert.equal(trapHits, before, 'the listener got no connection');
  });

  it('two concurrent runs of one action: one 200, one 409', async () => {
    clearProbe();
    writeFileSync(path.join(probeOut, 'sleep'), '');
    try {
      const t0 = performance.now();
      const both = await Promise.all([act(main, { action: 'flush_dns' }), act(main, { action: 'flush_dns' })]);
      const ms = performance.now() - t0;
      assert.deepEqual(both.map((r) => r.status).sort(), [200, 409], both.map((r) => r.text).join('\n'));
      const busy = both.find((r) => r.status === 409);
      assertError(busy, 409, 'second run', /already running/);
      assert.ok(ms >= 1900, `the first one really ran (${ms} ms)`);
      const lines = await audit.next(2);
      assert.deepEqual(lines.map((l) => l.status).sort(), [200, 409]);
      assertAudit(lines.find((l) => l.status === 409), { status: 409, outcome: 'refused', action: 'flush_dns' }, '409');
      // another action is not held up by the lock
      const during = act(main, { action: 'flush_dns' });
      await sleep(300);
      const other = await act(main, { action: 'cleanup_outlook' });
      assert.equal(other.status, 200, other.text);
      assert.equal((await during).status, 200);
      await audit.next(2);
    } finally {
      rmSync(path.join(probeOut, 'sleep'), { force: true });
    }
    // the lock went with the run
    const again = await act(main, { action: 'flush_dns' });
    assert.equal(again.status, 200, again.text);
    await audit.next();
  });
});

describe('cleanup_temp', () => {
  it('removes only top-level regular *.tmp files of the service user', async () => {
    // when root, a second user owns "theirs"; the workers' user owns the rest
    const other = uid === 65534 ? 1 : 65534;
    const outside = path.join(scratch, 'outside');
    mkdirSync(outside);
    const target = path.join(outside, 'precious.tmp');
    writeFileSync(target, 'keep me');
    const f = (name) => path.join(tmpdir, name);
    writeFileSync(f('ours.tmp'), Buffer.alloc(1234, 1));
    writeFileSync(f('keep.txt'), 'not a .tmp');
    symlinkSync(target, f('link.tmp'));
    symlinkSync(outside, f('dirlink.tmp'));
    mkdirSync(f('dir.tmp'));
    writeFileSync(f('dir.tmp/inside.tmp'), 'in a .tmp folder');
    mkdirSync(f('sub'));
    writeFileSync(f('sub/nested.tmp'), 'nested');
    execFileSync('mkfifo', [f('fifo.tmp')]);
    const owned = ['ours.tmp', 'keep.txt', 'dir.tmp', 'dir.tmp/inside.tmp', 'sub', 'sub/nested.tmp', 'fifo.tmp'];
    if (IS_ROOT) {
      for (const n of owned) chownSync(f(n), uid, uid);
      for (const n of ['link.tmp', 'dirlink.tmp']) lchownSync(f(n), uid, uid);
      chownSync(outside, uid, uid);
      chownSync(target, uid, uid);
      writeFileSync(f('theirs.tmp'), 'another user');
      chownSync(f('theirs.tmp'), other, other);
    }
    const before = readdirSync(tmpdir).sort();
    const r = await act(main, { action: 'cleanup_temp' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.ok, true, r.text);
    assert.equal(r.json.files, 1, r.text);
    assert.equal(r.json.bytes, 1234, r.text);
    assert.match(r.json.message, /1 temporary file/);
    assertAudit((await audit.next())[0], { status: 200, outcome: 'ok', action: 'cleanup_temp' }, 'cleanup_temp');
    assert.deepEqual(readdirSync(tmpdir).sort(), before.filter((n) => n !== 'ours.tmp'), 'only ours.tmp went');
    assert.equal(readFileSync(target, 'utf8'), 'keep me', 'the link target is untouched');
    assert.ok(lstatSync(f('link.tmp')).isSymbolicLink());
    assert.equal(readFileSync(f('dir.tmp/inside.tmp'), 'utf8'), 'in a .tmp folder');
    assert.equal(readFileSync(f('sub/nested.tmp'), 'utf8'), 'nested');
    if (IS_ROOT) assert.equal(readFileSync(f('theirs.tmp'), 'utf8'), 'another user');
    // a second run finds nothing
    const again = await act(main, { action: 'cleanup_temp' });
    assert.deepEqual([again.json.files, again.json.bytes], [0, 0], again.text);
    await audit.next();
  });
});

describe('collect_logs', () => {
  const MEMBERS = ['df.txt', 'ip-addr.txt', 'ip-route.txt', 'metrics-tail.csv', 'status.json', 'uptime.txt'];
  const archives = () => readdirSync(main.dataDir).filter((n) => /^sysdash-logs-.*\.tar\.gz$/.test(n)).sort();

  it('writes a 0600 .tar.gz in the data folder with the listed members', async () => {
    const before = archives();
    const r = await act(main, { action: 'collect_logs' });
    assert.equal(r.status, 200, r.text);
    assert.equal(r.json.ok, true, r.text);
    assertAudit((await audit.next())[0], { status: 200, outcome: 'ok', action: 'collect_logs' }, 'collect_logs');
    assert.equal(path.dirname(r.json.path), main.dataDir);
    assert.match(path.basename(r.json.path), /^sysdash-logs-\d{8}-\d{6}\.\d{3}\.tar\.gz$/);
    assert.ok(r.json.message.includes(r.json.path), r.json.message);
    const st = statSync(r.json.path);
    assert.equal(st.mode & 0o777, 0o600, 'mode 0600');
    assert.equal(st.uid, uid, 'owned by the service user');
    assert.equal(r.json.size, st.size);
    assert.deepEqual(archives(), [...before, path.basename(r.json.path)].sort());
    const list = execFileSync('tar', ['tzf', r.json.path], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const extra = list.filter((m) => !MEMBERS.includes(m));
    assert.deepEqual([...list].filter((m) => MEMBERS.includes(m)).sort(), MEMBERS, list.join(' '));
    assert.ok(extra.every((m) => m === 'journal.txt'), `only journal.txt besides: ${extra}`);
    const member = (m) => execFileSync('tar', ['xzOf', r.json.path, m], { encoding: 'utf8' });
    const status = JSON.parse(member('status.json'));
    assert.match(status.timestamp, TS);
    assert.equal(typeof status.health.score, 'number');
    assert.match(status.health.status, /^(ok|warn|critical)$/);
    const csv = readFileSync(path.join(main.dataDir, 'metrics.csv'), 'utf8').split('\n');
    const tail = member('metrics-tail.csv').split('\n').filter(Boolean);
    assert.ok(tail.length >= 1, 'the CSV tail has rows');
    for (const row of tail) assert.ok(csv.includes(row), `tail row from metrics.csv: ${row}`);
    assert.match(member('ip-addr.txt'), /127\.0\.0\.1/);
    assert.match(member('df.txt'), /^Filesystem/m);
    assert.match(member('uptime.txt'), /load average/);
    if (list.includes('journal.txt')) assert.ok(member('journal.txt').length > 0, 'journal.txt when readable has lines');
    assert.deepEqual(readdirSync(main.dataDir).filter((n) => n.startsWith('.sysdash-logs-')), [], 'no staging folder left');
  });

  it('keeps the 10 newest archives', async () => {
    const fakes = Array.from({ length: 12 }, (_, i) => `sysdash-logs-20200101-0000${String(i).padStart(2, '0')}.000.tar.gz`);
    for (const n of fakes) writeFileSync(path.join(main.dataDir, n), 'old');
    const bystanders = ['sysdash-logs-notes.txt', 'other.tar.gz'];
    for (const n of bystanders) writeFileSync(path.join(main.dataDir, n), 'not an archive of ours');
    const before = archives();
    assert.ok(before.length >= 12);
    const r = await act(main, { action: 'collect_logs' });
    assert.equal(r.json?.ok, true, r.text);
    await audit.next();
    const want = [...before, path.basename(r.json.path)].sort().slice(-10);
    assert.deepEqual(archives(), want);
    for (const n of bystanders) assert.ok(existsSync(path.join(main.dataDir, n)), `${n} kept`);
  });
});

describe('rate limit', () => {
  it('the default limit answers 429 as JSON with Retry-After', async () => {
    const s = await extraStack({});
    const statuses = [];
    let limited;
    for (let i = 0; i < 9; i++) {
      const r = await act(s, { action: 'cleanup_outlook' });
      statuses.push(r.status);
      if (r.status === 429) limited = r;
    }
    // 10r/m with a burst of 5, nodelay: one request plus five, then 429
    assert.deepEqual(statuses, [403, 403, 403, 403, 403, 403, 429, 429, 429]);
    assertError(limited, 429, 'rate limit');
    assert.ok(Number(limited.headers['retry-after']) > 0, `Retry-After: ${limited.headers['retry-after']}`);
    // the rest of the API is not limited
    const list = await request(s.base, { method: 'GET', path: '/api/actions' });
    assert.equal(list.status, 200);
  });
});

describe('action.fcgi as plain CGI', () => {
  const body = '{"action":"cleanup_outlook"}';
  let data;
  const base = () => ({
    ACTION_TOKEN: TOKEN, SYSDASH_DATA_DIR: data, CONTENT_TYPE: 'application/json',
    HTTP_AUTHORIZATION: `Bearer ${TOKEN}`, REMOTE_ADDR: '127.0.0.1',
  });
  before(() => { data = mkdtempSync(path.join(scratch, 'cgi-')); });

  it('its own 413 for a big CONTENT_LENGTH, 400 for a bad one', () => {
    const cases = [
      ['4097', 413], ['5120', 413], ['1048576', 413], ['99999999999999999999999999', 413],
      ['abc', 400], ['-1', 400], [' 12', 400], ['12abc', 400], ['0x10', 400],
      [String(body.length + 10), 400], // announced more than sent
    ];
    for (const [cl, status] of cases) {
      const r = cgi({ ...base(), CONTENT_LENGTH: cl }, body);
      assert.equal(r.code, 0, r.stderr);
      assertError(r, status, `CONTENT_LENGTH ${cl}`);
    }
    const lines = readFileSync(path.join(data, 'actions.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    assert.deepEqual(lines.map((l) => l.status), cases.map((c) => c[1]), 'one audit line each');
    const ok = cgi({ ...base(), CONTENT_LENGTH: String(body.length) }, body);
    assert.equal(ok.status, 200, ok.text);
    // exactly 4096 bytes is within the limit
    const big = JSON.stringify({ action: 'cleanup_outlook', pad: 'x'.repeat(4096 - 40) });
    const padded = big + ' '.repeat(4096 - big.length);
    const r = cgi({ ...base(), CONTENT_LENGTH: '4096' }, padded);
    assert.equal(r.status, 200, r.text);
    assert.ok(!readFileSync(path.join(data, 'actions.jsonl'), 'utf8').includes(TOKEN));
  });

  it('ACTION_TOKEN length: 15 refused with a message, 16 accepted, a very long one says why', () => {
    const r15 = cgi({ ...base(), ACTION_TOKEN: 'x'.repeat(15), HTTP_AUTHORIZATION: `Bearer ${'x'.repeat(15)}`,
      CONTENT_LENGTH: String(body.length) }, body);
    assertError(r15, 403, '15 characters', /16/);
    assert.match(r15.stderr, /ACTION_TOKEN.*16/);
    const r16 = cgi({ ...base(), ACTION_TOKEN: 'y'.repeat(16), HTTP_AUTHORIZATION: `Bearer ${'y'.repeat(16)}`,
      CONTENT_LENGTH: String(body.length) }, body);
    assert.equal(r16.status, 200, r16.text);
    const long = 'z'.repeat(600);
    const r600 = cgi({ ...base(), ACTION_TOKEN: long, HTTP_AUTHORIZATION: `Bearer ${long}`,
      CONTENT_LENGTH: String(body.length) }, body);
    assertError(r600, 403, '600 characters');
    assert.doesNotMatch(r600.json.error, /shorter/, 'a long token is not "shorter than 16"');
  });
});

describe('sudoers drop-in', () => {
  const file = path.join(REPO, 'conf', 'sudoers.d', 'sysdash');

  it('visudo -c passes, and allows exactly the two fixed command lines', (t) => {
    const visudo = ['/usr/sbin/visudo', '/usr/bin/visudo'].find((p) => existsSync(p));
    if (!visudo) {
      t.skip('visudo is not installed (make deps installs sudo)');
      return;
    }
    const r = spawnSync(visudo, ['-c', '-f', file], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /parsed OK/);
    // visudo really checks: a broken copy fails
    const broken = path.join(scratch, 'sudoers-broken');
    writeFileSync(broken, `${readFileSync(file, 'utf8')}\nwww-data ALL=(root\n`);
    assert.notEqual(spawnSync(visudo, ['-c', '-f', broken]).status, 0);
    if (!existsSync('/usr/bin/cvtsudoers')) {
      t.diagnostic('cvtsudoers absent: rules not expanded');
      return;
    }
    const rules = JSON.parse(execFileSync('/usr/bin/cvtsudoers', ['-e', '-f', 'json', file], { encoding: 'utf8' }));
    assert.equal(rules.User_Specs.length, 1);
    const [spec] = rules.User_Specs;
    assert.deepEqual(spec.User_List, [{ username: 'sysdash' }]);
    const commands = [];
    for (const c of spec.Cmnd_Specs) {
      assert.deepEqual(c.runasusers, [{ username: 'root' }]);
      assert.ok(!c.runasgroups, 'no run-as group');
      for (const cmd of c.Commands) commands.push(cmd.command);
    }
    assert.deepEqual(commands.sort(), [
      '/usr/bin/resolvectl flush-caches',
      '/usr/bin/systemctl restart cups.service',
      '/usr/sbin/nscd --invalidate=hosts',
    ]);
  });
});

describe('the audit file', () => {
  it('never holds a token, right or wrong; one JSON object a line', () => {
    assertAuditClean(main, [TOKEN, WRONG], { utf8: false });
    assert.ok(!main.log().includes(TOKEN), 'nor does the stack log');
  });
});
