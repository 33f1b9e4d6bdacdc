// webhook.test.mjs: issue 7, webhook alerts, end to end with the real
// sysdash-sampler and sysdash-notify posting to a receiver on 127.0.0.1
// (tests/lib/receiver.mjs). Health is driven through a fixture /proc tree
// (SYSDASH_PROC_ROOT) that the test rewrites in place:
//   critical: the busy column of /proc/stat grows (CPU 100 %) and RAM is
//             99.9 % -> score 30 (disk under 70 %) -> critical
//   ok:       the idle column grows (CPU 0 %), RAM 10 % -> score 100
// --once with --state steps the alert machine one sample at a time; the
// daemon covers cadence, restarts and slow receivers.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  ROOT, BIN_DIR, BIN, FIXTURES, env, tmpDir, cleanup, run, readJsonl, pyCsv,
  sleep, pollUntil, statvfs, LINE_RE,
} from './sampler.mjs';
import { startReceiver } from '../lib/receiver.mjs';
import { freePort } from '../lib/stack.mjs';

const NOTIFY = path.join(BIN_DIR, 'sysdash-notify');
const NOTIFY_TEST = path.join(ROOT, 'scripts', 'notify-test');
const BTIME = 1795633413;
const ISO_RE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/;
const LOG_KEYS = ['error', 'http_status', 'kind', 'ok', 'time', 'tries', 'url'];

const receivers = [];
const daemons = [];
after(async () => {
  for (const d of daemons) if (d.child.exitCode === null) d.child.kill('SIGKILL');
  for (const r of receivers) await r.close();
  cleanup();
});

async function receiver(opts) {
  const r = await startReceiver(opts);
  receivers.push(r);
  return r;
}

// A filesystem under 70 % full, so the disk component is 1 and the score
// depends on CPU and RAM only (ok 100, critical 30).
const DISK = (() => {
  for (const p of ['/dev/shm', tmpDir('disk')]) {
    try {
      if (statvfs(p).percent < 70) return p;
    } catch { /* try the next */ }
  }
  throw new Error('no filesystem under 70 % full for SYSDASH_DISK_PATH');
})();

// A fixture /proc tree whose health the test sets. Files keep their length
// and are rewritten in place, because the daemon keeps them open and
// re-reads them with pread.
class FakeHost {
  constructor({ hostname = 'wh-test-host' } = {}) {
    this.dir = path.join(tmpDir('whproc'), 'proc');
    fs.mkdirSync(path.join(this.dir, 'sys', 'kernel'), { recursive: true });
    const name = Buffer.isBuffer(hostname) ? hostname : Buffer.from(hostname, 'utf8');
    fs.writeFileSync(path.join(this.dir, 'sys', 'kernel', 'hostname'),
      Buffer.concat([name, Buffer.from('\n')]));
    fs.writeFileSync(path.join(this.dir, 'uptime'), '123.45 67.89\n');
    fs.writeFileSync(path.join(this.dir, 'loadavg'), '0.50 0.40 0.30 1/100 1234\n');
    this.busy = 1000;
    this.idle = 1000;
    this.mode = 'ok';
    fs.writeFileSync(path.join(this.dir, 'stat'), this.statText());
    fs.writeFileSync(path.join(this.dir, 'meminfo'), this.memText());
  }

  statText() {
    return `cpu  ${String(this.busy).padStart(14)} 0 0 ${String(this.idle).padStart(14)} ` +
      `0 0 0 0 0 0\nbtime ${BTIME}\n`;
  }

  memText() {
    const avail = String(this.mode === 'critical' ? 1000 : 900000).padStart(8);
    return `MemTotal:        1000000 kB\nMemFree:        ${avail} kB\nMemAvailable:   ${avail} kB\n`;
  }

  overwrite(name, text) {
    const fd = fs.openSync(path.join(this.dir, name), 'r+');
    try { fs.writeSync(fd, text, 0); } finally { fs.closeSync(fd); }
  }

  /** 'ok' or 'critical': RAM now, CPU from the next tick on. */
  set(mode) {
    this.mode = mode;
    this.overwrite('meminfo', this.memText());
  }

  /** 100 more ticks of busy (critical) or idle (ok) time. */
  tick() {
    if (this.mode === 'critical') this.busy += 100; else this.idle += 100;
    this.overwrite('stat', this.statText());
  }

  /** Ticks every ms until stop(): CPU holds between any two samples. */
  startTicking(ms = 40) {
    this.stop();
    this.timer = setInterval(() => this.tick(), ms);
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

// docs/API.md's score from a printed line (for messages and for checks).
function health(line) {
  const g = LINE_RE.exec(line)?.groups;
  assert.ok(g, `not a sampler line: ${line}`);
  const clamp = (x) => Math.min(1, Math.max(0, x));
  const cpu = clamp(1 - Math.max(0, (Number(g.cpu) - 50) / 50));
  const ram = clamp(1 - Math.max(0, (Number(g.ram) - 60) / 40));
  const disk = clamp(1 - Math.max(0, (Number(g.disk) - 70) / 30));
  const score = Math.round((0.35 * cpu + 0.35 * ram + 0.3 * disk) * 100);
  return { score, status: score >= 80 ? 'ok' : score >= 60 ? 'warn' : 'critical', g };
}

// One test's world: a fake host, a data folder and the environment.
function world(over = {}, hostOpts = {}) {
  const host = new FakeHost(hostOpts);
  const dir = tmpDir('wh');
  const data = path.join(dir, 'data');
  const e = env({
    SYSDASH_PROC_ROOT: host.dir,
    SYSDASH_DISK_PATH: DISK,
    SYSDASH_CGROUP_ROOT: path.join(FIXTURES, 'cgroup-none', 'cgroup'),
    SYSDASH_DATA_DIR: data,
    WEBHOOK_MIN_SECONDS: '300',
    WEBHOOK_FORMAT: undefined,
    SYSDASH_LANG: undefined,
    SYSDASH_NOTIFY: undefined,
    SYSDASH_BIN_DIR: BIN_DIR,
    ...over,
  });
  return {
    host, dir, data, env: e,
    log: () => (fs.existsSync(path.join(data, 'webhooks.jsonl'))
      ? readJsonl(path.join(data, 'webhooks.jsonl')) : []),
    state: () => readState(path.join(data, 'webhook.state')),
  };
}

// The state file as a reader holding its lock would see it: the sampler and
// sysdash-notify rewrite it in place under flock(2) (truncate, then write),
// so a read without the lock can fall between the two and find it empty.
function readState(file) {
  for (let i = 0; ; i++) {
    const text = fs.readFileSync(file, 'utf8');
    if (text !== '' || i === 100) return text;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}

// The alert state file, documented in sampler/alert.h:
// "sysdash-alert 2 confirmed candidate streak last_sent pending pending_at
// refused".
function parseState(text) {
  const f = text.trim().split(/\s+/);
  assert.equal(f[0], 'sysdash-alert', `state file: ${text}`);
  return { confirmed: Number(f[2]), streak: Number(f[4]), lastSent: Number(f[5]),
    pending: Number(f[6]), pendingAt: Number(f[7]), refused: f[8] === '1' };
}
const PENDING = { none: 0, critical: 1, reminder: 2, resolved: 3 };

// One cron run (--once) after one tick of the host in mode. The promise
// ends when stdout and stderr close, that is when any sysdash-notify the
// run started (it inherits them) has finished too.
async function step(w, mode, extra = []) {
  w.host.set(mode);
  w.host.tick();
  const r = await run(['--once', '--no-export', '--state', path.join(w.dir, 'sampler.state'), ...extra],
    { env: w.env, timeout: 30000 });
  assert.equal(r.signal, null, `sampler died of ${r.signal}\n${r.stderr}`);
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n').filter(Boolean);
  assert.equal(lines.length, 1, r.stdout);
  const h = health(lines[0]);
  return { ...r, health: h };
}

// Steps and checks that the sample had the expected status (so a failure
// says whether the fixture or the alert logic is wrong).
async function stepAs(w, mode, extra) {
  const r = await step(w, mode, extra);
  assert.equal(r.health.status, mode, `fixture gave ${r.health.status} (score ${r.health.score}) ` +
    `for ${mode}: ${r.stdout}`);
  return r;
}

// A long-running sampler; stop() sends SIGTERM and waits for its exit
// (not for its pipes: a sysdash-notify child may still hold them).
function daemon(w, args) {
  const child = spawn(BIN, args, { env: w.env, cwd: w.dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const d = {
    child,
    stdout: () => stdout,
    stderr: () => stderr,
    lines: () => stdout.split('\n').filter(Boolean),
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const r = await exited;
      assert.equal(r.signal, null, `sampler died of ${r.signal}\n${stderr}`);
      assert.equal(r.code, 0, stderr);
      return r;
    },
  };
  daemons.push(d);
  return d;
}

// The sampler's timestamps sit on its --interval grid: no sample late by
// more than tolMs, none missing, none extra.
function assertCadence(timestamps, interval, tolMs = 150) {
  assert.ok(timestamps.length >= 3, `only ${timestamps.length} samples`);
  const t0 = Date.parse(timestamps[0]);
  timestamps.forEach((ts, i) => {
    const off = Date.parse(ts) - t0 - i * interval * 1000;
    assert.ok(Math.abs(off) <= tolMs,
      `sample ${i} at ${ts} is ${off.toFixed(0)} ms off the ${interval} s grid ` +
      `(first ${timestamps[0]}); all: ${timestamps.join(' ')}`);
  });
}

function csvTimestamps(file) {
  return pyCsv(file).rows.map((r) => r[0]);
}

// One webhooks.jsonl line: exactly the documented fields with their types.
function checkLogLine(l, want) {
  assert.deepEqual(Object.keys(l).sort(), LOG_KEYS, `fields of ${JSON.stringify(l)}`);
  assert.match(l.time, ISO_RE);
  assert.ok(Math.abs(Date.parse(l.time) - Date.now()) < 120000, `time ${l.time} is not now`);
  assert.equal(typeof l.ok, 'boolean');
  assert.ok(Number.isInteger(l.tries) && l.tries >= 1 && l.tries <= 3, `tries ${l.tries}`);
  assert.ok(l.http_status === null || Number.isInteger(l.http_status), `http_status ${l.http_status}`);
  if (l.ok) assert.equal(l.error, null); else assert.equal(typeof l.error, 'string');
  for (const [k, v] of Object.entries(want)) {
    if (v instanceof RegExp) assert.match(String(l[k]), v, `${k} of ${JSON.stringify(l)}`);
    else assert.deepEqual(l[k], v, `${k} of ${JSON.stringify(l)}`);
  }
}

// The lines sysdash-notify wrote on the (inherited) stderr.
function notifyLines(stderr) {
  return stderr.split('\n').filter((l) => l.startsWith('sysdash-notify: '));
}

const TITLE = {
  critical: /^🔴 Alerte sysdash : état critique\n/,
  reminder: /^🔴 Rappel sysdash : toujours critique\n/,
  resolved: /^✅ sysdash : retour à la normale\n/,
};

/* ---- start-up checks --------------------------------------------------- */

// Starts the sampler (and notify) with a bad setting: exit 2, a message
// naming the variable, no sample line, nothing written.
async function refused(w, over, re) {
  const e = { ...w.env, ...over };
  const r = await run(['--once', '--export-csv', path.join(w.dir, 'm.csv'),
    '--export-jsonl', path.join(w.dir, 'm.jsonl'), '--state', path.join(w.dir, 's.state')], { env: e });
  assert.equal(r.code, 2, `sampler with ${JSON.stringify(over)} exited ${r.code}: ${r.stdout}${r.stderr}`);
  assert.match(r.stderr, re, `sampler message for ${JSON.stringify(over)}`);
  assert.equal(r.stdout, '');
  assert.ok(!fs.existsSync(path.join(w.dir, 'm.csv')), 'CSV written despite the bad setting');
  assert.ok(!fs.existsSync(w.data), 'data folder written despite the bad setting');
  const n = await run(['--kind', 'test', '--text', 'x'], { cmd: NOTIFY, env: e });
  assert.equal(n.code, 2, `notify with ${JSON.stringify(over)} exited ${n.code}: ${n.stderr}`);
  assert.match(n.stderr, re, `notify message for ${JSON.stringify(over)}`);
  return r;
}

test('an ftp:// or malformed WEBHOOK_URL stops the sampler at start-up with a clear message', async () => {
  const w = world();
  const r = await refused(w, { WEBHOOK_URL: 'ftp://127.0.0.1/hooks/x' }, /WEBHOOK_URL.*http:\/\/ and https:\/\//);
  assert.match(r.stderr, /^sysdash-sampler: /);
  for (const url of ['http://', 'https:///hooks/x', 'http://:8080/x', 'http://user@/x',
    'http://exa mple.com/x', 'http://example.com/x\ty', 'hooks.slack.com/services/x',
    'http:/example.com/x', 'javascript:alert(1)', 'file:///etc/passwd',
    `http://example.com/${'a'.repeat(3000)}`]) {
    await refused(w, { WEBHOOK_URL: url }, /WEBHOOK_URL: /);
  }
});

test('a WEBHOOK_URL whose port is not a number from 0 to 65535 is refused at start-up', async () => {
  const w = world();
  for (const url of ['http://127.0.0.1:abc/hooks/x', 'http://127.0.0.1:99999/hooks/x',
    'https://example.com:-1/x', 'http://example.com:8a/x']) {
    await refused(w, { WEBHOOK_URL: url }, /WEBHOOK_URL: /);
  }
});

test('a refused WEBHOOK_URL is not echoed with its secret', async () => {
  const w = world();
  for (const url of ['ftp://alice:PWSECRET@example.com/hooks/QSECRET',
    'hooks.example.com?sig=QSECRET', 'hooks.example.com/services/QSECRET',
    'smtp:PWSECRET@example.com']) {
    const r = await refused(w, { WEBHOOK_URL: url }, /WEBHOOK_URL: /);
    assert.doesNotMatch(r.stderr, /SECRET/, `the message for ${url} shows its secret: ${r.stderr}`);
  }
});

test('bad WEBHOOK_MIN_SECONDS, WEBHOOK_FORMAT or SYSDASH_LANG stop the sampler; good ones run', async () => {
  const w = world({ WEBHOOK_URL: 'http://127.0.0.1:9/hooks/x' });
  for (const v of ['-1', 'abc', '31536001', 'nan', 'inf', '1e999', '5s', '5 s']) {
    await refused(w, { WEBHOOK_MIN_SECONDS: v }, /WEBHOOK_MIN_SECONDS: .*0 to 31536000/);
  }
  for (const v of ['slack', 'json', 'text ', 'teamsx']) {
    await refused(w, { WEBHOOK_FORMAT: v }, /WEBHOOK_FORMAT: .*text.*teams/);
  }
  for (const v of ['de', 'fr_FR.UTF-8', 'english', 'e']) {
    await refused(w, { SYSDASH_LANG: v }, /SYSDASH_LANG: .*fr.*en.*es.*ru/);
  }
  // edge values that are fine: the ok host posts nothing, the run succeeds
  for (const over of [{ WEBHOOK_MIN_SECONDS: '0' }, { WEBHOOK_MIN_SECONDS: '31536000' },
    { WEBHOOK_MIN_SECONDS: '2.5' }, { WEBHOOK_FORMAT: 'TEAMS' }, { WEBHOOK_FORMAT: 'text' },
    { SYSDASH_LANG: 'EN' }, { SYSDASH_LANG: 'ru' }, { WEBHOOK_URL: 'HTTPS://example.com' },
    { WEBHOOK_URL: 'http://[::1]:8080/hooks/x' }, { WEBHOOK_URL: '' }]) {
    const r = await run(['--once', '--no-export', '--state', path.join(w.dir, 's.state')],
      { env: { ...w.env, ...over } });
    assert.equal(r.code, 0, `${JSON.stringify(over)}: ${r.stderr}`);
    assert.match(r.stdout, /CPU: /);
  }
  assert.deepEqual(w.log(), [], 'an ok host posted something');
});

/* ---- when to post: --once steps (the cron mode) -------------------------- */

test('critical, staying critical, a reminder after WEBHOOK_MIN_SECONDS, one recovery (--once steps)', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/cycle'), WEBHOOK_MIN_SECONDS: '2.5' });
  await stepAs(w, 'ok');
  await stepAs(w, 'ok');
  await stepAs(w, 'critical');
  assert.equal(rx.requests.length, 0, 'posted after one critical sample');
  let r = await stepAs(w, 'critical');
  assert.equal(rx.requests.length, 1, `entering critical: want 1 post, got ${rx.requests.length}`);
  const firstAt = rx.requests[0].at;
  assert.deepEqual(notifyLines(r.stderr).length, 1, r.stderr);
  assert.match(notifyLines(r.stderr)[0], /^sysdash-notify: critical to http:\/\/127\.0\.0\.1:\d+\/hook…: delivered, HTTP 200, 1 try$/);
  for (let i = 0; i < 3; i++) {
    r = await stepAs(w, 'critical');
    assert.equal(notifyLines(r.stderr).length, 0, `post while critical within the interval: ${r.stderr}`);
  }
  assert.equal(rx.requests.length, 1, 'posts while critical within WEBHOOK_MIN_SECONDS');
  await sleep(Math.max(0, firstAt + 2600 - Date.now()));
  await stepAs(w, 'critical');
  assert.equal(rx.requests.length, 2, 'no reminder once WEBHOOK_MIN_SECONDS passed');
  await stepAs(w, 'critical');
  assert.equal(rx.requests.length, 2, 'a second reminder right after the first');
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 2, 'resolved after a single ok sample');
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 3, 'no "resolved" after two ok samples');
  await stepAs(w, 'ok');
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 3, 'posts after the recovery');
  const texts = rx.requests.map((q) => q.json.text);
  assert.match(texts[0], TITLE.critical);
  assert.match(texts[1], TITLE.reminder);
  assert.match(texts[2], TITLE.resolved);
  const log = w.log();
  assert.deepEqual(log.map((l) => l.kind), ['critical', 'reminder', 'resolved']);
  for (const l of log) checkLogLine(l, { ok: true, http_status: 200, tries: 1 });
  const st = parseState(w.state());
  assert.equal(st.confirmed, 0, 'state not back to ok');
  assert.equal(st.pending, PENDING.none);
});

test('the first ok sample of a recovery sends no "still critical" reminder', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/dip'), WEBHOOK_MIN_SECONDS: '1' });
  await goCritical(w);
  assert.equal(rx.requests.length, 1);
  await sleep(1100); // a reminder is due now, if the host is still critical
  const r = await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 1,
    `a sample with score ${r.health.score} (ok) sent: ${rx.requests.at(-1).json.text}`);
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 2);
  assert.match(rx.requests[1].json.text, TITLE.resolved);
});

test('a one-sample spike posts nothing', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/spike'), WEBHOOK_MIN_SECONDS: '0' });
  for (const mode of ['ok', 'ok', 'critical', 'ok', 'ok', 'critical', 'ok', 'critical', 'ok']) {
    await stepAs(w, mode);
  }
  await sleep(300);
  assert.equal(rx.requests.length, 0, `a spike posted: ${JSON.stringify(rx.requests.map((q) => q.json))}`);
  assert.deepEqual(w.log(), []);
});

test('cron mode: --once run again and again while critical sends once', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/cron') });
  await stepAs(w, 'ok');
  for (let i = 0; i < 6; i++) await stepAs(w, 'critical');
  await sleep(300);
  assert.equal(rx.requests.length, 1, `want 1 post, got ${rx.requests.length}`);
  assert.match(rx.requests[0].json.text, TITLE.critical);
  assert.deepEqual(w.log().map((l) => l.kind), ['critical']);
});

test('--once does not wait for the post: a slow receiver does not hold the run up', async () => {
  const rx = await receiver({ script: [{ status: 200, delayMs: 2500 }] });
  const w = world({ WEBHOOK_URL: rx.url('/hooks/slow-once') });
  await stepAs(w, 'ok');
  await stepAs(w, 'critical');
  w.host.set('critical');
  w.host.tick();
  const t0 = Date.now();
  const child = spawn(BIN, ['--once', '--no-export', '--state', path.join(w.dir, 'sampler.state')],
    { env: w.env, stdio: ['ignore', 'ignore', 'ignore'] });
  const code = await new Promise((resolve) => child.on('exit', resolve));
  const ms = Date.now() - t0;
  assert.equal(code, 0);
  assert.ok(ms < 1500, `--once took ${ms} ms with a receiver answering after 2.5 s`);
  await rx.waitRequests(1);
  await pollUntil(() => w.log().length === 1, 8000, 'the outcome line');
  checkLogLine(w.log()[0], { kind: 'critical', ok: true, http_status: 200, tries: 1 });
});

/* ---- the daemon ---------------------------------------------------------- */

test('daemon: one post on entering critical, one reminder, one recovery, samples on time', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/daemon'), WEBHOOK_MIN_SECONDS: '2.5', SYSDASH_LANG: 'en' });
  const csv = path.join(w.dir, 'm.csv');
  const jsonl = path.join(w.dir, 'm.jsonl');
  w.host.startTicking();
  const d = daemon(w, ['--interval', '0.3', '--export-csv', csv, '--export-jsonl', jsonl]);
  try {
    await sleep(1500);
    assert.equal(rx.requests.length, 0, 'posted while ok');
    w.host.set('critical');
    const critAt = Date.now();
    await rx.waitRequests(1, 3000);
    const entered = rx.requests[0].at - critAt;
    assert.ok(entered <= 1200, `the critical post came ${entered} ms after the host turned critical`);
    await sleep(Math.max(0, critAt + 4000 - Date.now()));
    w.host.set('ok');
    const okAt = Date.now();
    await rx.waitRequests(3, 3000);
    await sleep(1200);
    const kinds = rx.requests.map((q) => /^🔴 sysdash alert/.test(q.json.text) ? 'critical'
      : /^🔴 sysdash reminder/.test(q.json.text) ? 'reminder'
        : /^✅ sysdash: resolved/.test(q.json.text) ? 'resolved' : q.json.text);
    assert.deepEqual(kinds, ['critical', 'reminder', 'resolved']);
    const gap = rx.requests[1].at - rx.requests[0].at;
    assert.ok(gap >= 2400 && gap <= 3300, `reminder ${gap} ms after the first post (WEBHOOK_MIN_SECONDS 2.5)`);
    assert.ok(rx.requests[2].at >= okAt, 'resolved before the host recovered');
    await pollUntil(() => w.log().length === 3, 3000, '3 outcome lines');
    assert.deepEqual(w.log().map((l) => l.kind), ['critical', 'reminder', 'resolved']);
    // sysdash-notify children do not linger as zombies
    assert.deepEqual(zombieChildren(d.child.pid), [], 'zombie children of the sampler');
  } finally {
    w.host.stop();
    await d.stop();
  }
  const ts = csvTimestamps(csv);
  assertCadence(ts, 0.3);
  assert.deepEqual(readJsonl(jsonl).map((o) => o.timestamp), ts, 'JSONL and CSV disagree');
  assert.equal(notifyLines(d.stderr()).length, 3, d.stderr());
});

function zombieChildren(pid) {
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const rest = s.slice(s.lastIndexOf(')') + 2).split(' ');
      if (Number(rest[1]) === pid && rest[0] === 'Z') out.push(Number(name));
    } catch { /* gone */ }
  }
  return out;
}

test('a restart does not resend, and does not lose the recovery', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/restart') });
  w.host.set('critical');
  w.host.startTicking();
  try {
    let d = daemon(w, ['--interval', '0.25', '--no-export']);
    await rx.waitRequests(1, 3000);
    await sleep(300);
    await d.stop();
    d = daemon(w, ['--interval', '0.25', '--no-export']);
    await sleep(1800);
    await d.stop();
    assert.ok(d.lines().length >= 5, `the restarted sampler took ${d.lines().length} samples`);
    assert.equal(rx.requests.length, 1, 'the restarted sampler posted "critical" again');
    // the host recovers while no sampler runs; the next one says so, once
    w.host.set('ok');
    d = daemon(w, ['--interval', '0.25', '--no-export']);
    await rx.waitRequests(2, 3000);
    await sleep(800);
    await d.stop();
  } finally {
    w.host.stop();
  }
  assert.equal(rx.requests.length, 2);
  assert.match(rx.requests[1].json.text, TITLE.resolved);
  await pollUntil(() => w.log().length === 2, 3000, '2 outcome lines');
  assert.deepEqual(w.log().map((l) => l.kind), ['critical', 'resolved']);
});

test('two samplers sharing the data folder post once', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/two') });
  w.host.set('critical');
  w.host.startTicking();
  const a = daemon(w, ['--interval', '0.2', '--no-export']);
  const b = daemon(w, ['--interval', '0.2', '--no-export']);
  try {
    await rx.waitRequests(1, 3000);
    await sleep(1500);
  } finally {
    w.host.stop();
    await a.stop();
    await b.stop();
  }
  assert.ok(a.lines().length >= 5 && b.lines().length >= 5, 'a sampler stalled');
  assert.equal(rx.requests.length, 1, `two samplers posted ${rx.requests.length} times`);
});

/* ---- delivery: retries, failures, slow receivers ------------------------- */

// prime (ok), then two critical --once runs: the second one posts
async function goCritical(w) {
  await stepAs(w, 'ok');
  await stepAs(w, 'critical');
  return stepAs(w, 'critical');
}

test('a receiver answering 500 then 200: retried once, delivered with tries 2', async () => {
  const rx = await receiver({ script: [500, 200] });
  const w = world({ WEBHOOK_URL: rx.url('/hooks/retry') });
  const r = await goCritical(w);
  assert.equal(rx.requests.length, 2);
  assert.equal(rx.requests[1].raw.toString(), rx.requests[0].raw.toString(), 'the retry sent another body');
  const wait = rx.requests[1].at - rx.requests[0].at;
  assert.ok(wait >= 900 && wait < 2500, `retry after ${wait} ms, want the 1 s backoff`);
  assert.equal(notifyLines(r.stderr).length, 1, `one stderr line per outcome: ${r.stderr}`);
  assert.match(notifyLines(r.stderr)[0], /: critical to .*: delivered, HTTP 200, 2 tries$/);
  const log = w.log();
  assert.equal(log.length, 1);
  checkLogLine(log[0], { kind: 'critical', ok: true, http_status: 200, tries: 2, error: null });
  assert.equal(parseState(w.state()).pending, PENDING.none);
});

test('429 is retried like a 5xx', async () => {
  const rx = await receiver({ script: [429, 204] });
  const w = world({ WEBHOOK_URL: rx.url('/hooks/busy') });
  await goCritical(w);
  assert.equal(rx.requests.length, 2);
  checkLogLine(w.log()[0], { kind: 'critical', ok: true, http_status: 204, tries: 2 });
});

test('other 4xx (a deleted hook) are not retried: logged once, posted again only on the next change of status', async () => {
  await Promise.all([404, 400, 410].map(async (status) => {
    const rx = await receiver({ script: [status, 200] });
    // 0 s: a retry or a reminder would be due on every sample
    const w = world({ WEBHOOK_URL: rx.url('/hooks/gone'), WEBHOOK_MIN_SECONDS: '0' });
    const r = await goCritical(w);
    await sleep(1300); // past the 1 s backoff: a retry would have come
    assert.equal(rx.requests.length, 1, `HTTP ${status} was retried`);
    assert.match(notifyLines(r.stderr)[0], new RegExp(`: critical to .*: NOT delivered after 1 try: HTTP ${status} \\(refused: not tried again before the status changes\\)$`));
    checkLogLine(w.log()[0], { kind: 'critical', ok: false, http_status: status, tries: 1, error: `HTTP ${status}` });
    let st = parseState(w.state());
    assert.equal(st.pending, PENDING.none, 'a refused post is kept pending');
    assert.equal(st.refused, true);
    // still critical: neither a retry nor a reminder
    for (let i = 0; i < 2; i++) await stepAs(w, 'critical');
    assert.equal(rx.requests.length, 1, `HTTP ${status}: posted again while the status held`);
    assert.equal(w.log().length, 1, 'logged more than once');
    // the next change of status is posted (and delivered: 200)
    await stepAs(w, 'ok');
    const back = await stepAs(w, 'ok');
    await pollUntil(() => rx.requests.length === 2, 5000, `HTTP ${status}: the resolved post`);
    assert.match(rx.requests[1].json.text, /retour à la normale/, back.stderr);
    st = parseState(w.state());
    assert.equal(st.refused, false);
  }));
});

test('receiver down: 3 tries, logged, sampling on time; the alert arrives once it is back', async () => {
  const port = await freePort();
  const w = world({ WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/down`, WEBHOOK_MIN_SECONDS: '4' });
  const csv = path.join(w.dir, 'm.csv');
  w.host.set('critical');
  w.host.startTicking();
  const d = daemon(w, ['--interval', '0.3', '--export-csv', csv, '--export-jsonl', path.join(w.dir, 'm.jsonl')]);
  let rx;
  try {
    await pollUntil(() => w.log().length >= 1, 8000, 'the failed outcome');
    const l = w.log()[0];
    checkLogLine(l, { kind: 'critical', ok: false, http_status: null, tries: 3, error: /onnect/ });
    assert.match(d.stderr(), /sysdash-notify: critical to http:\/\/127\.0\.0\.1:\d+\/hook…: NOT delivered after 3 tries: .*onnect/);
    assert.equal(parseState(w.state()).pending, PENDING.critical);
    rx = await receiver({ port });
    await rx.waitRequests(1, 5000);
    await pollUntil(() => w.log().length >= 2, 3000, 'the delivered outcome');
  } finally {
    w.host.stop();
    await d.stop();
  }
  assert.match(rx.requests[0].json.text, /critique/);
  checkLogLine(w.log()[1], { ok: true, http_status: 200, tries: 1 });
  assert.equal(parseState(w.state()).pending, PENDING.none);
  assertCadence(csvTimestamps(csv), 0.3);
});

test('a failed "resolved" is sent again after min(60 s, WEBHOOK_MIN_SECONDS)', async () => {
  const rx = await receiver({ script: [200, 503, 503, 503, 200] });
  const w = world({ WEBHOOK_URL: rx.url('/hooks/resolved'), WEBHOOK_MIN_SECONDS: '2' });
  await goCritical(w);
  await stepAs(w, 'ok');
  await stepAs(w, 'ok'); // "resolved", 3 tries answered 503
  assert.equal(rx.requests.length, 4);
  const failedAt = Date.now();
  const st = parseState(w.state());
  assert.equal(st.pending, PENDING.resolved, 'the failed "resolved" is not pending');
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 4, 'retried before WEBHOOK_MIN_SECONDS');
  await sleep(Math.max(0, failedAt + 2100 - Date.now()));
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 5, 'the failed "resolved" was not sent again');
  await stepAs(w, 'ok');
  assert.equal(rx.requests.length, 5, 'sent again once more');
  assert.match(rx.requests[4].json.text, TITLE.resolved);
  const log = w.log();
  assert.deepEqual(log.map((l) => [l.kind, l.ok, l.tries, l.http_status]),
    [['critical', true, 1, 200], ['resolved', false, 3, 503], ['resolved', true, 1, 200]]);
  assert.equal(parseState(w.state()).pending, PENDING.none);
});

test('a receiver taking 10 s: 3 tries of 5 s, and the samples stay on their interval', async () => {
  const rx = await receiver({ script: [{ status: 200, delayMs: 10000 }] });
  const secret = 'T0SECRET/B0SECRET';
  const w = world({ WEBHOOK_URL: rx.url(`/hooks/${secret}`) });
  const csv = path.join(w.dir, 'm.csv');
  const jsonl = path.join(w.dir, 'm.jsonl');
  w.host.set('critical');
  w.host.startTicking();
  const d = daemon(w, ['--interval', '0.5', '--export-csv', csv, '--export-jsonl', jsonl]);
  const t0 = Date.now();
  let notifyPid = null;
  try {
    await rx.waitRequests(1, 3000);
    // the sender runs as a child; the URL is not on its command line
    for (const pid of childrenOf(d.child.pid)) {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (cmd.includes('sysdash-notify')) {
        notifyPid = pid;
        assert.doesNotMatch(cmd, /SECRET|127\.0\.0\.1/, `the URL is on the command line: ${cmd}`);
      }
    }
    assert.ok(notifyPid, 'no sysdash-notify child while the post is under way');
    await pollUntil(() => w.log().length >= 1, 25000, 'the timed-out outcome');
  } finally {
    w.host.stop();
    await d.stop();
  }
  const took = Date.now() - t0;
  assert.equal(rx.requests.length, 3, `${rx.requests.length} tries reached the receiver`);
  const gaps = [rx.requests[1].at - rx.requests[0].at, rx.requests[2].at - rx.requests[1].at];
  assert.ok(gaps[0] >= 5800 && gaps[0] <= 7500, `try 2 ${gaps[0]} ms after try 1 (5 s timeout + 1 s)`);
  assert.ok(gaps[1] >= 6800 && gaps[1] <= 8500, `try 3 ${gaps[1]} ms after try 2 (5 s timeout + 2 s)`);
  checkLogLine(w.log()[0], { kind: 'critical', ok: false, http_status: null, tries: 3, error: /time/i });
  assert.equal(w.log().length, 1);
  const ts = csvTimestamps(csv);
  assert.ok(ts.length >= Math.floor(took / 500) - 2, `${ts.length} samples in ${took} ms at 0.5 s`);
  assertCadence(ts, 0.5);
  assert.deepEqual(readJsonl(jsonl).map((o) => o.timestamp), ts, 'JSONL and CSV disagree');
  assert.doesNotMatch(d.stderr(), /SECRET/);
});

function childrenOf(pid) {
  const out = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const s = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(s.slice(s.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch { /* gone */ }
  }
  return out;
}

/* ---- what is sent ------------------------------------------------------- */

const TRICKY_HOST = 'hôte "été" \\ naïve — Ωμέγα';

test('text format: valid JSON {"text"}, quotes and non-ASCII host names escaped, the figures named', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/text') }, { hostname: TRICKY_HOST });
  const r = await goCritical(w);
  assert.equal(rx.requests.length, 1);
  const q = rx.requests[0];
  assert.equal(q.method, 'POST');
  assert.equal(q.path, '/hooks/text');
  assert.match(q.headers['content-type'], /^application\/json\b/);
  assert.match(q.headers['user-agent'], /^sysdash\//);
  assert.ok(q.utf8 !== null, 'the body is not valid UTF-8');
  assert.equal(q.jsonError, null, `the body is not JSON: ${q.utf8}`);
  assert.deepEqual(Object.keys(q.json), ['text']);
  const text = q.json.text;
  const h = r.health;
  assert.match(text, TITLE.critical);
  assert.ok(text.includes(`Hôte : ${TRICKY_HOST} — `), `host name not verbatim in ${JSON.stringify(text)}`);
  assert.ok(text.includes(`score ${h.score}/100 (critique)`), `score ${h.score} not in ${text}`);
  assert.ok(text.includes(`⚠ CPU ${Number(h.g.cpu).toFixed(1)} % (seuil 80 % dépassé)`), text);
  assert.ok(text.includes(`⚠ RAM ${Number(h.g.ram).toFixed(1)} % (seuil 90 % dépassé)`), text);
  assert.ok(text.includes(`Disque ${Number(h.g.disk).toFixed(1)} %`) && !text.includes('⚠ Disque'), text);
  // the raw body has the quotes and backslash escaped
  assert.ok(q.utf8.includes('\\"été\\" \\\\ '), `quotes or backslash not escaped: ${q.utf8}`);
});

test('a host name that is not UTF-8 still gives a valid UTF-8 JSON body', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/latin1') },
    { hostname: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x2d, 0x22, 0xff]) }); // caf\xe9-"\xff
  await goCritical(w);
  assert.equal(rx.requests.length, 1);
  const q = rx.requests[0];
  assert.ok(q.utf8 !== null, `the body is not valid UTF-8 (JSON must be): ${q.raw.toString('latin1')}`);
  assert.equal(q.jsonError, null);
  assert.match(q.json.text, /caf.*-"/);
});

test('teams format: a message with one Adaptive Card 1.4, one TextBlock per line', async () => {
  const rx = await receiver({ script: [202] }); // Teams Workflows answer 202
  const w = world({ WEBHOOK_URL: rx.url('/hooks/teams'), WEBHOOK_FORMAT: 'teams', SYSDASH_LANG: 'es' },
    { hostname: TRICKY_HOST });
  await goCritical(w);
  assert.equal(rx.requests.length, 1);
  const q = rx.requests[0];
  assert.equal(q.jsonError, null, q.utf8);
  const m = q.json;
  assert.equal(m.type, 'message');
  assert.ok(Array.isArray(m.attachments) && m.attachments.length === 1, JSON.stringify(m));
  const a = m.attachments[0];
  assert.equal(a.contentType, 'application/vnd.microsoft.card.adaptive');
  assert.ok('contentUrl' in a && a.contentUrl === null, 'contentUrl must be null');
  const c = a.content;
  assert.equal(c.type, 'AdaptiveCard');
  assert.equal(c.version, '1.4');
  assert.equal(c.$schema, 'http://adaptivecards.io/schemas/adaptive-card.json');
  assert.ok(Array.isArray(c.body) && c.body.length === 4, JSON.stringify(c.body));
  for (const b of c.body) {
    assert.equal(b.type, 'TextBlock');
    assert.equal(typeof b.text, 'string');
    assert.ok(b.text.length > 0 && !b.text.includes('\n'), JSON.stringify(b));
    assert.equal(b.wrap, true);
  }
  assert.equal(c.body[0].weight, 'Bolder');
  assert.equal(c.body[0].text, '🔴 Alerta de sysdash: estado crítico');
  assert.ok(c.body[1].text.startsWith(`Equipo: ${TRICKY_HOST} — puntuación `), c.body[1].text);
  assert.match(c.body[2].text, /umbral 80 % superado/);
  assert.match(c.body[3].text, ISO_RE);
  checkLogLine(w.log()[0], { kind: 'critical', ok: true, http_status: 202, tries: 1 });
});

test('SYSDASH_LANG picks the language of the message (fr by default, en, es, ru)', async () => {
  const rx = await receiver();
  const want = {
    '': [/^🔔 sysdash : message de test\n/, 'Hôte : wh-lang —', /\(normal\)/],
    fr: [/^🔔 sysdash : message de test\n/, 'Hôte : wh-lang —', /\(normal\)/],
    en: [/^🔔 sysdash: test message\n/, 'Host: wh-lang —', /\(ok\)/],
    es: [/^🔔 sysdash: mensaje de prueba\n/, 'Equipo: wh-lang —', /\(normal\)/],
    ru: [/^🔔 sysdash: тестовое сообщение\n/, 'Хост: wh-lang —', /\(норма\)/],
  };
  for (const [lang, [title, host, status]] of Object.entries(want)) {
    const w = world({ WEBHOOK_URL: rx.url(`/hooks/lang-${lang}`), SYSDASH_LANG: lang || undefined },
      { hostname: 'wh-lang' });
    const r = await run([], { cmd: NOTIFY_TEST, env: w.env });
    assert.equal(r.code, 0, r.stderr);
    const q = rx.requests.at(-1);
    assert.equal(q.path, `/hooks/lang-${lang}`);
    assert.match(q.json.text, title, `${lang}: ${q.json.text}`);
    assert.ok(q.json.text.includes(host), `${lang}: ${q.json.text}`);
    assert.match(q.json.text, status, `${lang}: ${q.json.text}`);
  }
});

test('sysdash-notify: a --text at the limit is sent whole, one byte over is refused, never cut mid-character', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/long') });
  const notify = (text) => run(['--kind', 'test', '--text', text, '--log', path.join(w.dir, 'l.jsonl')],
    { cmd: NOTIFY, env: w.env });
  // far too long: refused before anything is sent; the message gives the limit
  const far = await notify('é'.repeat(3000));
  assert.equal(far.code, 2, far.stderr);
  const m = far.stderr.match(/--text: longer than (\d+) bytes/);
  assert.ok(m, far.stderr);
  const max = Number(m[1]);
  assert.ok(max >= 1024, `a limit of ${max} bytes`);
  assert.equal(rx.requests.length, 0);
  // max bytes ending in a 2-byte character: sent whole, body valid UTF-8
  const whole = 'a'.repeat(max % 2) + 'é'.repeat(Math.floor(max / 2));
  assert.equal(Buffer.byteLength(whole), max);
  const ok = await notify(whole);
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(rx.requests.length, 1);
  const q = rx.requests[0];
  assert.ok(q.utf8 !== null, 'the body is not valid UTF-8: the text was cut inside a character');
  assert.equal(q.json.text, whole, `the text was cut to ${q.json.text.length} characters`);
  // one byte more, its last character straddling the limit: refused, not cut
  const straddle = 'a'.repeat((max + 1) % 2) + 'é'.repeat(Math.floor((max + 1) / 2));
  assert.equal(Buffer.byteLength(straddle), max + 1);
  const r = await notify(straddle);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, new RegExp(`--text: longer than ${max} bytes`));
  assert.equal(rx.requests.length, 1, 'a refused --text was sent anyway');
});

/* ---- secrets and the outcome log ----------------------------------------- */

test('the URL\'s secret path, query and password never show in full on stderr or in webhooks.jsonl', async () => {
  const rx = await receiver({ script: [200, 404] });
  const url = `http://alice:PWSECRET@127.0.0.1:${rx.port}/hooks/T0SECRET/B0SECRET?sig=QSECRET`;
  const w = world({ WEBHOOK_URL: url, WEBHOOK_MIN_SECONDS: '0' });
  await goCritical(w);
  const r = await stepAs(w, 'critical'); // a reminder, answered 404
  assert.equal(rx.requests.length, 2);
  assert.equal(rx.requests[0].path, '/hooks/T0SECRET/B0SECRET?sig=QSECRET', 'the receiver got another path');
  assert.equal(rx.requests[0].headers.authorization, `Basic ${Buffer.from('alice:PWSECRET').toString('base64')}`);
  assert.match(notifyLines(r.stderr)[0], /NOT delivered after 1 try: HTTP 404 \(refused/);
  const logText = fs.readFileSync(path.join(w.data, 'webhooks.jsonl'), 'utf8');
  const everything = [logText, r.stderr, w.state(), ...fs.readdirSync(w.data)].join('\n');
  for (const s of ['PWSECRET', 'alice', 'T0SECRET', 'B0SECRET', 'QSECRET', 'sig=']) {
    assert.ok(!everything.includes(s), `"${s}" shows in stderr/webhooks.jsonl/state:\n${everything}`);
  }
  for (const l of readJsonl(path.join(w.data, 'webhooks.jsonl'))) {
    assert.equal(l.url, `http://127.0.0.1:${rx.port}/hook…`);
  }
});

test('webhooks.jsonl: one line per outcome, with time, kind, ok, http_status, tries, error, url', async () => {
  const rx = await receiver({ script: [200, 500, 500, 500, 201] });
  const w = world({ WEBHOOK_URL: rx.url('/hooks/log'), WEBHOOK_MIN_SECONDS: '0' });
  await goCritical(w);                 // critical, 200
  await stepAs(w, 'critical');         // reminder, 500 x 3
  await stepAs(w, 'critical');         // reminder, 201
  const lines = fs.readFileSync(path.join(w.data, 'webhooks.jsonl'), 'utf8').split('\n');
  assert.equal(lines.pop(), '', 'the file does not end with a newline');
  assert.equal(lines.length, 3, lines.join('\n'));
  const log = lines.map((l) => JSON.parse(l));
  checkLogLine(log[0], { kind: 'critical', ok: true, http_status: 200, tries: 1, error: null });
  checkLogLine(log[1], { kind: 'reminder', ok: false, http_status: 500, tries: 3, error: 'HTTP 500' });
  checkLogLine(log[2], { kind: 'reminder', ok: true, http_status: 201, tries: 1, error: null });
  assert.ok(Date.parse(log[0].time) <= Date.parse(log[1].time) && Date.parse(log[1].time) <= Date.parse(log[2].time));
});

/* ---- scripts/notify-test ------------------------------------------------- */

test('scripts/notify-test sends one test message about this host', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/notify-test') }, { hostname: 'wh-notify-test' });
  fs.mkdirSync(w.data, { recursive: true });
  const r = await run([], { cmd: NOTIFY_TEST, env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(rx.requests.length, 1);
  const text = rx.requests[0].json.text;
  assert.match(text, /^🔔 sysdash : message de test\nHôte : wh-notify-test — score 100\/100 \(normal\)\n/);
  assert.match(text, /CPU 0\.0 % · RAM 10\.0 % · Disque \d+\.\d %\n/);
  assert.match(r.stderr, /^sysdash-notify: test to http:\/\/127\.0\.0\.1:\d+\/hook…: delivered, HTTP 200, 1 try\n$/);
  const log = w.log();
  assert.equal(log.length, 1);
  checkLogLine(log[0], { kind: 'test', ok: true, http_status: 200, tries: 1 });
  assert.ok(!fs.existsSync(path.join(w.data, 'webhook.state')), 'a test message touched the alert state');
  // --text is passed on; a refusing receiver gives exit 1
  const rx2 = await receiver({ script: [403] });
  const r2 = await run(['--text', 'hello "there"'], { cmd: NOTIFY_TEST, env: { ...w.env, WEBHOOK_URL: rx2.url('/x') } });
  assert.equal(r2.code, 1, r2.stderr);
  assert.deepEqual(rx2.requests[0].json, { text: 'hello "there"' });
  assert.match(r2.stderr, /NOT delivered after 1 try: HTTP 403/);
});

test('scripts/notify-test without WEBHOOK_URL, or with a bad one, says so and exits 2', async () => {
  const w = world();
  let r = await run([], { cmd: NOTIFY_TEST, env: w.env });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /WEBHOOK_URL is not set/);
  r = await run([], { cmd: NOTIFY_TEST, env: { ...w.env, WEBHOOK_URL: 'ftp://x/y' } });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /WEBHOOK_URL: only http:\/\/ and https:\/\//);
  r = await run(['--kind', 'nonsense'], { cmd: NOTIFY, env: w.env });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--kind/);
});

test('scripts/notify-test on a fresh machine (no data folder yet) still logs the outcome', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/fresh') });
  assert.ok(!fs.existsSync(w.data));
  const r = await run(['--text', 'first'], { cmd: NOTIFY_TEST, env: w.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(rx.requests.length, 1);
  assert.doesNotMatch(r.stderr, /No such file/, 'notify could not write its log');
  assert.equal(w.log().length, 1, 'no webhooks.jsonl line for the test message');
});

test('a sysdash-notify that cannot start keeps the post pending, and sampling goes on', async () => {
  const rx = await receiver();
  const w = world({ WEBHOOK_URL: rx.url('/hooks/nonotify'), SYSDASH_NOTIFY: path.join(tmpDir('none'), 'sysdash-notify') });
  await stepAs(w, 'ok');
  await stepAs(w, 'critical');
  const r = await stepAs(w, 'critical');
  assert.match(r.stderr, /sysdash-sampler: webhook: cannot start .*sysdash-notify: No such file or directory \(critical not sent\)/);
  assert.equal(rx.requests.length, 0);
  assert.equal(parseState(w.state()).pending, PENDING.critical,
    `the post that never started is not pending: ${w.state()}`);
});
