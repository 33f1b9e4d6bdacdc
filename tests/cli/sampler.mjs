// sampler.mjs: shared helpers for the sysdash-sampler CLI tests (not a test
// file itself). The binary is $SYSDASH_BIN_DIR/sysdash-sampler (default
// <repo>/build), fixtures come from $SYSDASH_FIXTURES (default
// tests/fixtures), and every run gets a clean environment with HOME in a
// temporary directory so nothing lands in the real home or Desktop.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN_DIR = path.resolve(ROOT, process.env.SYSDASH_BIN_DIR || 'build');
export const BIN = path.join(BIN_DIR, 'sysdash-sampler');
export const FIXTURES = path.resolve(ROOT, process.env.SYSDASH_FIXTURES || 'tests/fixtures');
export const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

// docs/API.md, "Files": the CSV header, exactly.
export const CSV_HEADER =
  'timestamp,cpu_percent,ram_percent,ram_used_gib,ram_total_gib,disk_percent,' +
  'disk_used_gib,disk_total_gib,uptime_seconds,uptime_hms,cpu_alert,ram_alert';

// One CSV row as docs/API.md shows it:
// 2026-11-24T10:15:30.123+01:00,12.5,43.1,6.62,15.37,71.0,120.55,250.00,12345.67,03:25:45,False,False
export const ROW_RE = new RegExp(
  '^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d\\d:\\d\\d,' +
  '\\d+\\.\\d,\\d+\\.\\d,\\d+\\.\\d\\d,\\d+\\.\\d\\d,\\d+\\.\\d,\\d+\\.\\d\\d,\\d+\\.\\d\\d,' +
  '\\d+\\.\\d\\d,\\d+:\\d\\d:\\d\\d,(True|False),(True|False)$');

// The printed line: [2026-11-24T10:15:30+01:00] CPU:  12.5% | RAM:  43.1% (6.62/15.37 GiB)
// | Disk:  71.0% (120.55/250.00 GiB) | Uptime: 03:25:45, " !!" right after
// a percent at or over its threshold. Percents are %5.1f.
export const LINE_RE = new RegExp(
  '^\\[(?<ts>\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d)\\] ' +
  'CPU: (?<cpu>[ \\d]{2}\\d\\.\\d)%(?<cpuAlert> !!)? \\| ' +
  'RAM: (?<ram>[ \\d]{2}\\d\\.\\d)%(?<ramAlert> !!)? \\((?<ramUsed>\\d+\\.\\d\\d)/(?<ramTotal>\\d+\\.\\d\\d) GiB\\) \\| ' +
  'Disk: (?<disk>[ \\d]{2}\\d\\.\\d)% \\((?<diskUsed>\\d+\\.\\d\\d)/(?<diskTotal>\\d+\\.\\d\\d) GiB\\) \\| ' +
  'Uptime: (?<hms>\\d+:\\d\\d:\\d\\d)$');

const TO_CLEAR = [
  'SYSDASH_PROC_ROOT', 'SYSDASH_DISK_PATH', 'SYSDASH_CGROUP_ROOT', 'SYSDASH_DATA_DIR',
  'SYSDASH_CSV', 'SYSDASH_JSONL', 'SYSDASH_INTERVAL', 'CPU_ALERT', 'RAM_ALERT',
  'XDG_DESKTOP_DIR', 'XDG_STATE_HOME', 'XDG_CONFIG_HOME',
];

const made = [];

// A fresh temporary directory, removed by cleanup().
export function tmpDir(tag = 'cli') {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `sd-${tag}-`));
  made.push(d);
  return d;
}

export function cleanup() {
  for (const d of made.splice(0)) {
    spawnSync('chattr', ['-R', '-i', d], { stdio: 'ignore' });
    fs.rmSync(d, { recursive: true, force: true });
  }
}

// The environment for one run: no inherited sysdash variables, HOME in a
// temp dir, the given overrides on top (a value of undefined removes).
export function env(over = {}) {
  const e = { ...process.env };
  for (const k of TO_CLEAR) delete e[k];
  e.HOME = over.HOME ?? tmpDir('home');
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) delete e[k]; else e[k] = String(v);
  }
  return e;
}

// Copies fixtures/<name>/proc into a temp dir (so a test may rewrite it).
export function procTree(name = 'real') {
  const d = path.join(tmpDir('proc'), 'proc');
  fs.cpSync(path.join(FIXTURES, name, 'proc'), d, { recursive: true });
  for (const f of fs.readdirSync(d)) {
    const p = path.join(d, f);
    if (fs.statSync(p).isFile()) fs.chmodSync(p, 0o644);
  }
  return d;
}

// The usual deterministic setting: the real fixture tree, a temp dir as
// the disk, no cgroup limits, default thresholds.
export function fixtureEnv(over = {}) {
  return env({
    SYSDASH_PROC_ROOT: path.join(FIXTURES, 'real', 'proc'),
    SYSDASH_DISK_PATH: tmpDir('disk'),
    SYSDASH_CGROUP_ROOT: path.join(FIXTURES, 'cgroup-none', 'cgroup'),
    ...over,
  });
}

// Runs the sampler (or another program with opts.cmd) to completion.
// Resolves { code, signal, stdout, stderr, ms }.
export function run(args, opts = {}) {
  const cmd = opts.cmd ?? BIN;
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(cmd, args, {
      env: opts.env ?? fixtureEnv(),
      cwd: opts.cwd ?? tmpDir('cwd'),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 15000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      resolve({ code, signal, stdout, stderr, ms });
    });
  });
}

// Starts a long-running sampler. lines() returns the stdout lines so far;
// waitLines(n) waits for n of them; done resolves like run().
export function start(args, opts = {}) {
  const child = spawn(opts.cmd ?? BIN, args, {
    env: opts.env ?? fixtureEnv(),
    cwd: opts.cwd ?? tmpDir('cwd'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  const waiters = [];
  const check = () => {
    for (const w of waiters.slice()) {
      if (w.test()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; check(); });
  child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; check(); });
  const done = new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      for (const w of waiters.splice(0)) w.reject(new Error(
        `sampler exited (${code ?? signal}) while waiting; stdout:\n${stdout}\nstderr:\n${stderr}`));
      resolve({ code, signal, stdout, stderr });
    });
  });
  const until = (test, ms = 10000, what = 'condition') => new Promise((resolve, reject) => {
    if (test()) { resolve(); return; }
    const w = { test, resolve: () => { clearTimeout(t); resolve(); }, reject };
    const t = setTimeout(() => {
      waiters.splice(waiters.indexOf(w), 1);
      reject(new Error(`timeout waiting for ${what}; stdout:\n${stdout}\nstderr:\n${stderr}`));
    }, ms);
    waiters.push(w);
  });
  const lines = () => stdout.split('\n').filter(Boolean);
  return {
    child,
    done,
    lines,
    stderr: () => stderr,
    waitLines: (n, ms) => until(() => lines().length >= n, ms, `${n} lines`),
    waitStderr: (re, ms) => until(() => re.test(stderr), ms, `stderr ${re}`),
    poll: (test, ms, what) => pollUntil(test, ms, what),
  };
}

// Polls test() every 50 ms (for conditions outside the child's output).
export async function pollUntil(test, ms = 10000, what = 'condition') {
  const end = Date.now() + ms;
  for (;;) {
    if (test()) return;
    if (Date.now() > end) throw new Error(`timeout waiting for ${what}`);
    await sleep(50);
  }
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Parses a CSV file with Python's csv module: { header, rows } where rows
// are arrays of strings.
export function pyCsv(file) {
  const r = spawnSync(PYTHON, ['-c', `
import csv, json, sys
with open(sys.argv[1], newline="") as f:
    rows = list(csv.reader(f))
print(json.dumps({"header": rows[0] if rows else None, "rows": rows[1:]}))
`, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python csv: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

// The JSON objects of a JSONL file, one per line (every line must parse).
export function readJsonl(file) {
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

// All files under dir (relative paths), for "nothing was written" checks.
export function listFiles(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p); else out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

// Milliseconds between two ISO 8601 timestamps with offsets.
export function msBetween(a, b) {
  return Date.parse(b) - Date.parse(a);
}

// The psutil-style statvfs figures of a path, from Python's os.statvfs.
export function statvfs(p) {
  const r = spawnSync(PYTHON, ['-c', `
import json, os, sys
s = os.statvfs(sys.argv[1])
total = s.f_blocks * s.f_frsize
used = (s.f_blocks - s.f_bfree) * s.f_frsize
avail = s.f_bavail * s.f_frsize
print(json.dumps({"total": total, "used": used, "avail": avail,
                  "percent": used / (used + avail) * 100 if used + avail else 0}))
`, p], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`python statvfs: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export const GIB = 1024 ** 3;
