// psutil.test.mjs: sysdash-sampler agrees with Debian's python3-psutil
// (docs/API.md: "must give the same numbers"). On this machine: ram_percent,
// ram_*_gib and disk_* within rounding, uptime_seconds within 1 s, and
// cpu_percent within 5 points over the same window while a busy loop holds
// one core. On fixture trees (psutil.PROCFS_PATH): the same figures
// exactly, including psutil's fallback without MemAvailable and its CPU
// arithmetic with guest time.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  BIN, PYTHON, env, fixtureEnv, procTree, run, tmpDir, cleanup, readJsonl, sleep, FIXTURES,
} from './sampler.mjs';

after(cleanup);

function python(script, args, opts = {}) {
  const r = spawnSync(PYTHON, ['-c', script, ...args], { encoding: 'utf8', timeout: 30000, ...opts });
  assert.equal(r.status, 0, `python3 failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

test('Debian python3-psutil 5.9 is there', () => {
  const v = python('import json, psutil; print(json.dumps(psutil.__version__))', []);
  assert.match(v, /^5\.9\./, `psutil ${v}`);
});

// Snapshots psutil before and after one sampler --once run on the live
// machine; the sampler's figures must fall between them (plus rounding).
const LIVE = `
import json, os, subprocess, sys, time, warnings
import psutil
warnings.simplefilter("ignore")
binary, out = sys.argv[1], sys.argv[2]
G = 2 ** 30
def snap():
    vm = psutil.virtual_memory()
    du = psutil.disk_usage("/")
    return {"ram_percent": vm.percent, "ram_used_gib": round(vm.used / G, 2),
            "ram_total_gib": round(vm.total / G, 2), "disk_percent": du.percent,
            "disk_used_gib": round(du.used / G, 2), "disk_total_gib": round(du.total / G, 2),
            "uptime_seconds": time.time() - psutil.boot_time()}
before = snap()
subprocess.run([binary, "--once", "--quiet", "--state", out + "/state",
                "--export-csv", out + "/a.csv", "--export-jsonl", out + "/a.jsonl"], check=True)
after = snap()
print(json.dumps({"before": before, "after": after}))
`;

test('live machine: RAM and disk within rounding, uptime within 1 s', () => {
  const dir = tmpDir('ps');
  const ps = python(LIVE, [BIN, dir], { env: env() });
  const s = readJsonl(path.join(dir, 'a.jsonl'))[0];
  const tol = { ram_percent: 0.1, ram_used_gib: 0.01, ram_total_gib: 0.01, disk_percent: 0.1,
    disk_used_gib: 0.01, disk_total_gib: 0.01, uptime_seconds: 1 };
  for (const [k, t] of Object.entries(tol)) {
    const lo = Math.min(ps.before[k], ps.after[k]) - t - 1e-9;
    const hi = Math.max(ps.before[k], ps.after[k]) + t + 1e-9;
    assert.ok(s[k] >= lo && s[k] <= hi,
      `${k}: sampler ${s[k]}, psutil ${ps.before[k]} .. ${ps.after[k]} (+-${t})`);
  }
});

// CPU over the same window: sampler --once saves counters (run 1); psutil
// starts its window right after; 1 s later sampler --once (run 2) reads
// its counters and psutil ends its window right after it returns.
const CPU = `
import json, subprocess, sys, time
import psutil
binary, out = sys.argv[1], sys.argv[2]
def once(name):
    subprocess.run([binary, "--once", "--quiet", "--state", out + "/cpu.state",
                    "--export-csv", out + "/" + name + ".csv",
                    "--export-jsonl", out + "/" + name + ".jsonl"], check=True)
once("c1")
psutil.cpu_percent(None)
time.sleep(1.0)
once("c2")
print(json.dumps({"psutil": psutil.cpu_percent(None), "ncpu": psutil.cpu_count()}))
`;

test('live machine: cpu_percent within 5 points of psutil while a busy loop holds one core', async (t) => {
  const dir = tmpDir('ps');
  const busy = spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' });
  try {
    await sleep(300);
    const r = spawnSync(PYTHON, ['-c', CPU, BIN, dir], { encoding: 'utf8', timeout: 30000, env: env() });
    assert.equal(r.status, 0, r.stderr);
    const ps = JSON.parse(r.stdout);
    const s = readJsonl(path.join(dir, 'c2.jsonl'))[0];
    t.diagnostic(`sampler ${s.cpu_percent} %, psutil ${ps.psutil} %, ${ps.ncpu} CPUs`);
    assert.ok(Math.abs(s.cpu_percent - ps.psutil) <= 5,
      `sampler ${s.cpu_percent} %, psutil ${ps.psutil} % over the same second`);
    // the loop holds one of ncpu cores: at least ~that share is busy
    assert.ok(s.cpu_percent >= 100 / ps.ncpu - 15, `busy loop not seen: ${s.cpu_percent} % of ${ps.ncpu} CPUs`);
  } finally {
    busy.kill('SIGKILL');
  }
});

// psutil pointed at a fixture tree (psutil.PROCFS_PATH) against the
// sampler with SYSDASH_PROC_ROOT on the same tree.
const MEM = `
import json, sys, warnings
import psutil
warnings.simplefilter("ignore")
psutil.PROCFS_PATH = sys.argv[1]
vm = psutil.virtual_memory()
sw = psutil.swap_memory()
G = 2 ** 30
print(json.dumps({"ram_percent": vm.percent, "ram_used_gib": round(vm.used / G, 2),
                  "ram_total_gib": round(vm.total / G, 2),
                  "swap_total_gib": round(sw.total / G, 2), "swap_used_gib": round(sw.used / G, 2)}))
`;

for (const tree of ['real', 'nomemavail', 'nomemavail-nozone', 'nomemavail-nolru', 'lxc']) {
  test(`fixture ${tree}: RAM figures equal psutil's on the same tree`, async () => {
    const root = path.join(FIXTURES, tree, 'proc');
    const ps = python(MEM, [root]);
    const dir = tmpDir('ps');
    const r = await run(['--once', '--quiet', '--state', path.join(dir, 's'),
      '--export-csv', path.join(dir, 'm.csv'), '--export-jsonl', path.join(dir, 'm.jsonl')],
    { env: fixtureEnv({ SYSDASH_PROC_ROOT: root }) });
    assert.equal(r.code, 0, r.stderr);
    const s = readJsonl(path.join(dir, 'm.jsonl'))[0];
    for (const k of ['ram_percent', 'ram_used_gib', 'ram_total_gib']) {
      assert.equal(s[k], ps[k], `${tree} ${k}: sampler ${s[k]}, psutil ${ps[k]}`);
    }
    if ('swap_total_gib' in s) {
      assert.equal(s.swap_total_gib, ps.swap_total_gib, `${tree} swap_total_gib`);
      assert.equal(s.swap_used_gib, ps.swap_used_gib, `${tree} swap_used_gib`);
    }
  });
}

// psutil.cpu_percent(None) between two stat files: the first call (on A)
// sets its baseline, the second (on B) gives A -> B. cpu64 -> B adds
// user 1600 of which guest 400 (guest is inside user), idle 4800:
// busy 1600 / total 6400 = 25.0 %; counting guest twice would give 23.5 %.
const CPU_FIX = `
import json, shutil, sys
import psutil
tree, b = sys.argv[1], sys.argv[2]
psutil.PROCFS_PATH = tree
psutil.cpu_percent(None)
shutil.copy(b, tree + "/stat")
print(json.dumps(psutil.cpu_percent(None)))
`;

test('fixture cpu64 with guest time: --once percent equals psutil.cpu_percent', async () => {
  const proc = procTree('cpu64');
  for (const f of ['meminfo', 'uptime', 'loadavg']) {
    fs.copyFileSync(path.join(FIXTURES, 'real', 'proc', f), path.join(proc, f));
  }
  const statA = fs.readFileSync(path.join(proc, 'stat'), 'utf8');
  const statB = statA.replace(/^cpu .*$/m, 'cpu  10016 128 3200 68800 640 0 320 64 592 64');
  const dir = tmpDir('ps');
  const bFile = path.join(dir, 'statB');
  fs.writeFileSync(bFile, statB);
  const e = fixtureEnv({ SYSDASH_PROC_ROOT: proc });
  const args = ['--once', '--quiet', '--state', path.join(dir, 's'),
    '--export-csv', path.join(dir, 'm.csv'), '--export-jsonl', path.join(dir, 'm.jsonl')];
  assert.equal((await run(args, { env: e })).code, 0);
  fs.writeFileSync(path.join(proc, 'stat'), statB);
  const r = await run(args, { env: e });
  assert.equal(r.code, 0, r.stderr);
  const s = readJsonl(path.join(dir, 'm.jsonl'))[1];
  fs.writeFileSync(path.join(proc, 'stat'), statA);
  const ps = python(CPU_FIX, [proc, bFile]);
  assert.equal(ps, 25);
  assert.equal(s.cpu_percent, ps, `sampler ${s.cpu_percent}, psutil ${ps}`);
  assert.equal(s.cpu_count, 64);
});
