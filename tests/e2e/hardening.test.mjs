// hardening.test.mjs: the reproductions of the hostile probe (issue 10), run
// against the real stack started as root the way `make run` starts it:
// privilege separation and the data folder, the token kept out of every
// environment, slow clients from another address, a full disk, nginx's own
// statuses as JSON, a CSV that shrinks or is a FIFO, a hostname that is not
// UTF-8, and the bearer header forms.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync, cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync,
  readFileSync, rmSync, statSync, writeFileSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { commandOf, REPO, startStack, until } from '../lib/stack.mjs';

const isRoot = process.getuid() === 0;
const TOKEN = 'hardening-token-0123456789abcdef';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const FIX = path.join(REPO, 'tests', 'fixtures');

/** Runs argv as user (name) through setpriv, as root. */
function asUser(user, argv) {
  return spawnSync('setpriv', [`--reuid=${user}`, `--regid=${user}`, '--init-groups', '--', ...argv],
    { encoding: 'utf8', timeout: 10000 });
}

function uidOf(pid) {
  try {
    return Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^Uid:\s+(\d+)/m)[1]);
  } catch {
    return null;
  }
}

/** A raw HTTP exchange (nginx's own statuses need request lines fetch will not send). */
function raw(port, text) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    let out = '';
    c.setEncoding('latin1');
    c.on('data', (d) => { out += d; });
    c.on('close', () => resolve(out));
    c.on('error', () => {}); // a reset after the answer: keep what came
    c.write(text);
    setTimeout(() => c.destroy(), 3000).unref();
  });
}

describe('privilege separation (as root)', { skip: !isRoot && 'needs root, as CI runs it' }, () => {
  let stack;
  let victim;
  let scratch;

  before(async () => {
    scratch = mkdtempSync(path.join(os.tmpdir(), 'sysdash-hard-'));
    chmodSync(scratch, 0o700); // root's alone
    victim = path.join(scratch, 'root-only');
    writeFileSync(victim, 'precious\n', { mode: 0o600 });
    stack = await startStack({ env: { SYSDASH_INTERVAL: '0.2', ACTION_TOKEN: TOKEN } });
  });
  after(async () => {
    await stack?.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('nothing but serve and nginx\'s master runs as root; sampler and workers as the service user', () => {
    const service = Number(execFileSync('id', ['-u', 'sysdash'], { encoding: 'utf8' }));
    const rootOnes = [];
    for (const pid of stack.pids()) {
      const argv = commandOf(pid).join(' ');
      const uid = uidOf(pid);
      if (uid === null) continue;
      if (/sysdash-sampler|\.fcgi|multiwatch/.test(argv)) assert.equal(uid, service, argv);
      if (uid === 0) rootOnes.push(argv);
    }
    assert.ok(rootOnes.length >= 1 && rootOnes.every((a) => /^nginx: master/.test(a)),
      `root processes: ${rootOnes.join(' | ')}`);
    const st = statSync(stack.dataDir);
    assert.equal(st.uid, service);
    assert.equal(st.mode & 0o777, 0o750);
  });

  it('www-data (nginx) cannot touch the data folder at all', async () => {
    await until('the CSV', () => existsSync(path.join(stack.dataDir, 'metrics.csv')));
    const r = asUser('www-data', ['sh', '-c', `cd '${stack.dataDir}' && mv metrics.csv x`]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /can't cd|Permission denied/);
  });

  it('a link swapped in for metrics.csv is refused: the root-only file is untouched, none is created', async () => {
    const csv = path.join(stack.dataDir, 'metrics.csv');
    const created = path.join(scratch, 'created-by-sampler');
    // the probe's reproduction, as the one user who may write the folder
    const r = asUser('sysdash', ['sh', '-c',
      `cd '${stack.dataDir}' && mv metrics.csv x && ln -s '${victim}' metrics.csv && rm x && ` +
      `mv metrics.jsonl y && ln -s '${created}' metrics.jsonl && rm y`]);
    assert.equal(r.status, 0, r.stderr);
    await until('the refusal in the sampler log', () => /metrics\.csv: is a symbolic link \(refused\)/.test(stack.log()));
    await sleep(600); // three more samples
    assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
    assert.equal(existsSync(created), false);
    assert.ok(lstatSync(csv).isSymbolicLink());
    // removed again: the sampler starts a new file, header first
    rmSync(csv);
    await until('a new CSV', () => existsSync(csv) && readFileSync(csv, 'utf8').split('\n').length > 2);
    assert.match(readFileSync(csv, 'utf8'), /^timestamp,cpu_percent,/);
  });

  it('the token is in no stack process\'s environment, read as the workers\' user', async () => {
    const pids = stack.pids();
    const script = `for p in ${pids.join(' ')}; do cat /proc/$p/environ 2>/dev/null | tr '\\0' '\\n' | grep -q -e '${TOKEN}' && echo "$p"; done; true`;
    for (const user of ['sysdash', 'www-data']) {
      const r = asUser(user, ['sh', '-c', script]);
      assert.equal(r.status, 0, r.stderr);
      const holders = r.stdout.trim().split('\n').filter(Boolean).map((p) => `${p} ${commandOf(Number(p)).join(' ')}`);
      assert.deepEqual(holders, [], `processes whose environ ${user} can read and shows the token`);
    }
    // nor the variable itself, empty or not, in the workers or multiwatch
    for (const pid of pids) {
      let env = '';
      try { env = readFileSync(`/proc/${pid}/environ`, 'latin1'); } catch { continue; }
      assert.doesNotMatch(env, /(^|\0)ACTION_TOKEN=/, commandOf(pid).join(' '));
    }
    // and actions work with it (read from the file serve wrote)
    const r = await fetch(`${stack.base}/api/action`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
      body: '{"action":"cleanup_outlook"}',
    });
    assert.equal(r.status, 200, await r.text());
    const tokenFile = path.join(stack.runDir, 'secret', 'action.token');
    const st = statSync(tokenFile);
    assert.equal(st.mode & 0o777, 0o400);
    assert.equal(st.uid, Number(execFileSync('id', ['-u', 'sysdash'], { encoding: 'utf8' })));
    assert.notEqual(asUser('www-data', ['cat', tokenFile]).status, 0);
  });

  it('the audit log is 0640: client addresses are not world-readable', () => {
    const st = statSync(path.join(stack.dataDir, 'actions.jsonl'));
    assert.equal(st.mode & 0o777, 0o640);
  });
});

describe('ACTION_TOKEN_FILE', () => {
  it('a given file works; an unreadable or short one disables actions with a message', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sysdash-tok-'));
    chmodSync(dir, 0o755);
    const good = path.join(dir, 'good');
    writeFileSync(good, `${TOKEN}\n`, { mode: 0o644 });
    const s = await startStack({ env: { ACTION_TOKEN_FILE: good } });
    try {
      const ok = await fetch(`${s.base}/api/action`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${TOKEN}` },
        body: '{"action":"cleanup_outlook"}',
      });
      assert.equal(ok.status, 200, await ok.text());
    } finally {
      await s.stop();
    }
    const short = path.join(dir, 'short');
    writeFileSync(short, 'too-short\n', { mode: 0o644 });
    const s2 = await startStack({ env: { ACTION_TOKEN_FILE: short } });
    try {
      const r = await fetch(`${s2.base}/api/actions`);
      const body = await r.json();
      assert.equal(body.enabled, false);
      assert.match(body.disabled_reason, /shorter than 16/);
      assert.match(s2.log(), /ACTION_TOKEN_FILE must be 16 to 511/);
    } finally {
      await s2.stop();
    }
    // missing: serve refuses to start, naming the variable
    const r = spawnSync(path.join(REPO, 'scripts', 'serve'), [], {
      env: { ...process.env, ACTION_TOKEN_FILE: path.join(dir, 'missing'), PORT: '1', SYSDASH_DATA_DIR: dir },
      encoding: 'utf8', timeout: 20000,
    });
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /ACTION_TOKEN_FILE: .* cannot read/);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('nginx and history edge cases', () => {
  let stack;

  before(async () => {
    stack = await startStack({
      env: { SYSDASH_SAMPLER: '0', ACTION_TOKEN: TOKEN, SYSDASH_ACTION_RATE: '6000r/m', SYSDASH_ACTION_BURST: '100' },
    });
  });
  after(async () => {
    await stack?.stop();
  });

  it('every status nginx sends on its own is JSON (TRACE, HTTP/9.9, HTTP/2.0, unknown Transfer-Encoding, a bad Range)', async () => {
    const cases = [
      ['TRACE / HTTP/1.1\r\nHost: x\r\n\r\n', 405],
      ['GET / HTTP/9.9\r\nHost: x\r\n\r\n', 505],
      ['GET /api/stats HTTP/2.0\r\nHost: x\r\n\r\n', 505],
      ['POST /api/action HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: foo\r\n\r\n', 501],
      ['GET /index.html HTTP/1.1\r\nHost: x\r\nRange: bytes=99999999-\r\nConnection: close\r\n\r\n', 416],
      ['GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\nConnection: close\r\n\r\n', 413],
    ];
    for (const [req, status] of cases) {
      const res = await raw(stack.port, req);
      const [head, body] = res.split('\r\n\r\n');
      assert.match(head, new RegExp(`^HTTP/1\\.1 ${status} `), req);
      assert.match(head, /\r\nContent-Type: application\/json/i, `${req}\n${head}`);
      assert.equal(typeof JSON.parse(body).error, 'string', body);
    }
  });

  it('a CSV that shrinks while it is read answers 200, never 500', async () => {
    const csv = path.join(stack.dataDir, 'metrics.csv');
    const header = 'timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib,disk_percent,' +
      'disk_used_gib,disk_total_gib,uptime_seconds,uptime_hms,cpu_alert,ram_alert\n';
    const rows = [];
    for (let i = 0; i < 40000; i++) {
      rows.push(`2026-01-01T00:00:00+00:00,${i % 100}.0,50.0,7.0,15.57,60.0,100.0,233.67,${i}.0,00:00:00,False,False\n`);
    }
    const full = header + rows.join('');
    writeFileSync(csv, full);
    const statuses = new Map();
    // a copytruncate-style writer in its own process: cut the file to a few
    // rows, refill it, again and again, as fast as it can
    const churn = spawn('python3', ['-c', `
import os, sys
path, keep = sys.argv[1], int(sys.argv[2])
tail = open(path, 'rb').read()[keep:]
fd = os.open(path, os.O_WRONLY)
while True:
    os.ftruncate(fd, keep)
    os.pwrite(fd, tail, keep)
`, csv, String(header.length + 100 * 95)], { stdio: 'ignore' });
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      const answers = await Promise.all(Array.from({ length: 8 }, async () => {
        const r = await fetch(`${stack.base}/api/history?limit=500`);
        const text = await r.text();
        if (r.status !== 200) return `${r.status} ${text}`;
        JSON.parse(text);
        return '200';
      }));
      for (const a of answers) statuses.set(a, (statuses.get(a) ?? 0) + 1);
    }
    churn.kill('SIGKILL');
    assert.deepEqual([...statuses.keys()], ['200'], JSON.stringify([...statuses]));
  });

  it('a FIFO as metrics.csv.1 or metrics.csv: a clear 500 at once, the workers stay free', async () => {
    const csv = path.join(stack.dataDir, 'metrics.csv');
    writeFileSync(csv, 'timestamp,cpu_percent,ram_percent,disk_percent\n2026-01-01T00:00:00Z,1,2,3\n');
    execFileSync('mkfifo', [`${csv}.1`]);
    try {
      for (let i = 0; i < 6; i++) { // more requests than workers: none hangs
        const r = await fetch(`${stack.base}/api/history?limit=500`, { signal: AbortSignal.timeout(3000) });
        assert.equal(r.status, 500);
        assert.deepEqual(await r.json(), { error: 'read metrics.csv.1: not a regular file (refused)' });
      }
      rmSync(`${csv}.1`);
      rmSync(csv);
      execFileSync('mkfifo', [csv]);
      const r = await fetch(`${stack.base}/api/history`, { signal: AbortSignal.timeout(3000) });
      assert.equal(r.status, 500);
      assert.deepEqual(await r.json(), { error: 'read metrics.csv: not a regular file (refused)' });
      const ok = await fetch(`${stack.base}/api/stats`, { signal: AbortSignal.timeout(3000) });
      assert.equal(ok.status, 200);
    } finally {
      rmSync(csv, { force: true });
      rmSync(`${csv}.1`, { force: true });
    }
  });

  it('Authorization: Bearer with several spaces, any case, and the old tool\'s bare token', async () => {
    const forms = [`Bearer  ${TOKEN}`, `BEARER ${TOKEN}`, `bEaReR \t ${TOKEN}`, TOKEN];
    for (const auth of forms) {
      const r = await fetch(`${stack.base}/api/action`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: '{"action":"cleanup_outlook"}',
      });
      assert.equal(r.status, 200, `${JSON.stringify(auth)}: ${await r.text()}`);
    }
    for (const auth of [`Basic ${TOKEN}`, `Bearer ${TOKEN}x`, `x${TOKEN}`, 'Bearer']) {
      const r = await fetch(`${stack.base}/api/action`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: auth },
        body: '{"action":"cleanup_outlook"}',
      });
      assert.equal(r.status, 401, JSON.stringify(auth));
    }
  });
});

describe('a hostname that is not UTF-8', () => {
  it('becomes U+FFFD in /api/stats, /metrics and JSONL', async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sysdash-host-'));
    chmodSync(tmp, 0o755);
    const proc = path.join(tmp, 'proc');
    cpSync(path.join(FIX, 'real', 'proc'), proc, { recursive: true });
    mkdirSync(path.join(proc, 'sys', 'kernel'), { recursive: true });
    writeFileSync(path.join(proc, 'sys', 'kernel', 'hostname'), Buffer.from([0x62, 0x61, 0x64, 0xff, 0xfe, 0x2d, 0xc3, 0x0a]));
    execFileSync('chmod', ['-R', 'a+rX', tmp]);
    const s = await startStack({ env: { SYSDASH_PROC_ROOT: proc, SYSDASH_INTERVAL: '0.2' } });
    try {
      const want = 'bad\uFFFD\uFFFD-\uFFFD';
      const stats = await fetch(`${s.base}/api/stats`);
      const bytes = Buffer.from(await stats.arrayBuffer());
      assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(bytes).length > 0, true);
      assert.equal(JSON.parse(bytes.toString('utf8')).hostname, want);
      const metrics = Buffer.from(await (await fetch(`${s.base}/metrics`)).arrayBuffer());
      assert.ok(new TextDecoder('utf-8', { fatal: true }).decode(metrics).includes(`hostname="${want}"`));
      const jsonl = path.join(s.dataDir, 'metrics.jsonl');
      await until('two JSONL rows', () => existsSync(jsonl) && readFileSync(jsonl, 'utf8').split('\n').length > 2);
      const text = new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(jsonl));
      for (const line of text.split('\n').filter(Boolean)) assert.equal(JSON.parse(line).hostname, want);
    } finally {
      await s.stop();
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});

describe('slow clients (slowloris) from another address', { skip: !isRoot && 'the stack as root, as CI runs it' }, () => {
  it('1,100 slow-header connections from 127.0.0.2 do not keep 127.0.0.1 from /api/stats', async () => {
    const s = await startStack({ env: { SYSDASH_SAMPLER: '0' } });
    const sockets = new Set();
    let opened = 0;
    let stopping = false;
    const open = () => {
      if (stopping) return;
      const c = net.connect({ port: s.port, host: '127.0.0.1', localAddress: '127.0.0.2' });
      sockets.add(c);
      opened++;
      c.on('connect', () => c.write('GET /api/stats HTTP/1.1\r\nHost: x\r\n'));
      c.on('error', () => {});
      c.on('close', () => { sockets.delete(c); setTimeout(open, 10); });
    };
    try {
      for (let i = 0; i < 1100; i++) open();
      // one more header line now and then, never the blank line that ends them
      const drip = setInterval(() => {
        for (const c of sockets) if (c.writable) c.write('X-a: b\r\n');
      }, 2000);
      const times = [];
      const t0 = Date.now();
      while (Date.now() - t0 < 14000) { // past the 10 s header timeout: re-opened ones too
        await sleep(500);
        const t = Date.now();
        const r = await fetch(`${s.base}/api/stats`, { signal: AbortSignal.timeout(5000) });
        assert.equal(r.status, 200);
        await r.json();
        times.push(Date.now() - t);
      }
      clearInterval(drip);
      const held = sockets.size;
      assert.ok(held >= 1000, `the attacker held only ${held} connections`);
      assert.ok(Math.max(...times) < 1000, `/api/stats took ${Math.max(...times)} ms at worst (${times.join(' ')})`);
      assert.ok(opened > 1100, 'nginx cut slow headers, and the attacker re-opened them');
    } finally {
      stopping = true;
      for (const c of sockets) c.destroy();
      await s.stop();
    }
  });
});

describe('a full disk (64 KiB tmpfs)', { skip: !isRoot && 'mounting a tmpfs needs root' }, () => {
  it('after fill and free, every CSV row has 12 fields and every JSONL line parses', async () => {
    const { start, fixtureEnv } = await import('../cli/sampler.mjs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sysdash-full-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]);
    try {
      const csv = path.join(dir, 'm.csv');
      const jsonl = path.join(dir, 'm.jsonl');
      const s = start(['--interval', '0.1', '--quiet', '--export-csv', csv, '--export-jsonl', jsonl],
        { env: fixtureEnv() });
      await until('rows', () => existsSync(csv) && readFileSync(csv, 'utf8').split('\n').length > 3);
      // fill what is left, byte by byte at the end, so the next rows are cut
      const filler = path.join(dir, 'filler');
      spawnSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=1k', 'count=200'], { encoding: 'utf8' });
      spawnSync('dd', ['if=/dev/zero', `of=${filler}2`, 'bs=1', 'count=4096'], { encoding: 'utf8' });
      await s.waitStderr(/No space left on device/, 5000);
      await sleep(500);
      rmSync(filler);
      rmSync(`${filler}2`);
      const n = readFileSync(csv, 'utf8').split('\n').length;
      await until('rows again', () => readFileSync(csv, 'utf8').split('\n').length > n + 3);
      s.child.kill('SIGTERM');
      await s.done;
      const lines = readFileSync(csv, 'utf8').split('\n');
      assert.equal(lines.pop(), '');
      for (const l of lines) assert.equal(l.split(',').length, 12, JSON.stringify(l));
      for (const l of readFileSync(jsonl, 'utf8').split('\n').filter(Boolean)) JSON.parse(l);
    } finally {
      spawnSync('umount', [dir]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--once exits 3 when its row cannot be written, and leaves no half row', async () => {
    const { BIN, CSV_HEADER, fixtureEnv, tmpDir } = await import('../cli/sampler.mjs');
    const dir = tmpDir('once-full');
    const csv = path.join(dir, 'm.csv');
    const header = `${CSV_HEADER}\n`;
    writeFileSync(csv, header);
    // a file size limit 40 bytes past the header: the row is cut short
    const r2 = spawnSync('prlimit', [`--fsize=${header.length + 40}`, '--', BIN,
      '--once', '--quiet', '--export-csv', csv, '--export-jsonl', path.join(dir, 'm.jsonl'),
      '--state', path.join(dir, 'state')], { env: fixtureEnv(), encoding: 'utf8', timeout: 15000 });
    assert.equal(r2.status, 3, r2.stderr);
    assert.match(r2.stderr, /this sample is not exported/);
    assert.doesNotMatch(r2.stderr, /sampling goes on/);
    assert.equal(readFileSync(csv, 'utf8'), header, 'the cut row is taken back');
  });
});
