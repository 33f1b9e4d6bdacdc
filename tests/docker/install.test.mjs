// install.test.mjs: the first run and the Debian package on pristine Debian 12
// containers (the local debian:12-slim of tests/docker/base-image, the real
// Docker engine, --network host):
//  - a copy of the repository (tracked and unignored files: no build/, no
//    node_modules/) runs the README's first-run lines as they are, and
//    /api/stats answers; the time is split into packages, build and start;
//  - sysdash_*.deb installed with apt-get: user, folders, modes, the drop-in
//    in Debian's default nginx site, /sysdash/api/stats, remove and purge
//    (tests/docker/deb-check.sh, run inside).
// Without a Docker engine (not root, no docker.io) they print one SKIPPED
// line and skip; SYSDASH_REQUIRE_DOCKER=1 (.ci/run) makes that a failure.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN_DIR, freePort, REPO } from '../lib/stack.mjs';

const HERE = path.join(REPO, 'tests', 'docker');
const IMAGE = 'debian:12-slim';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let skipped = '';
const names = [];

/** one line per figure, for docs/BENCHMARKS.md */
function measure(line) {
  mkdirSync(path.join(REPO, 'test-output'), { recursive: true });
  writeFileSync(path.join(REPO, 'test-output', 'install-measures.txt'), `${line}\n`, { flag: 'a' });
  console.log(`# measure ${line}`);
}

before(() => {
  const r = spawnSync(path.join(HERE, 'base-image'), [IMAGE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  process.stdout.write(r.stdout);
  if (r.status === 77) skipped = r.stdout.trim();
  else assert.equal(r.status, 0, `tests/docker/base-image failed (status ${r.status})`);
});
after(() => {
  for (const n of names) spawnSync('docker', ['rm', '-f', n], { stdio: 'ignore' });
});

describe('tests/docker/dockerd', () => {
  it('says SKIPPED and exits 77 where no engine can be had, 1 under SYSDASH_REQUIRE_DOCKER=1', (t) => {
    if (process.getuid() !== 0) return t.skip('needs root to become nobody');
    const env = { ...process.env, SYSDASH_REQUIRE_DOCKER: '' };
    const args = ['--reuid=nobody', '--regid=nogroup', '--clear-groups', path.join(HERE, 'dockerd')];
    const r = spawnSync('setpriv', args, { encoding: 'utf8', env, cwd: '/' });
    assert.equal(r.status, 77, r.stderr);
    assert.match(r.stdout, /^SKIPPED: Docker-based tests: .*only root can start it\n$/);
    const ci = spawnSync('setpriv', args, { encoding: 'utf8', env: { ...env, SYSDASH_REQUIRE_DOCKER: '1' }, cwd: '/' });
    assert.equal(ci.status, 1);
    assert.match(ci.stderr, /^FAILED: Docker engine required \(SYSDASH_REQUIRE_DOCKER=1\)/);
  });
});

/** The indented lines after the README's first-run marker. */
function firstRunLines() {
  const lines = readFileSync(path.join(REPO, 'README.md'), 'utf8').split('\n');
  const at = lines.findIndex((l) => l.startsWith('<!-- first-run:'));
  assert.ok(at >= 0, 'README has the first-run marker');
  const cmds = [];
  for (const l of lines.slice(at + 1)) {
    if (!l.startsWith('    ')) break;
    cmds.push(l.slice(4));
  }
  assert.ok(cmds.length >= 1);
  return cmds;
}

/** spawn as a promise: {status, stdout, stderr}; killed after ms. */
function runAsync(cmd, args, ms) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
  });
}

// The two containers run side by side: each spends most of its time in
// apt and dpkg, and together they are most of make test's time.
describe('pristine Debian 12 container', { timeout: 20 * 60 * 1000, concurrency: 2 }, () => {
  it("runs the README's first command and /api/stats answers", async (t) => {
    if (skipped) return t.skip(skipped);
    const cmds = firstRunLines();
    const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: REPO })
      .toString().split('\0')
      .filter((f) => f && existsSync(path.join(REPO, f)) && !/^(build|node_modules|data|test-output)\//.test(f));
    assert.ok(files.includes('Makefile') && !files.some((f) => f.startsWith('build/')));
    const port = await freePort();
    const name = `sysdash-firstrun-${process.pid}`;
    names.push(name);
    // each output line stamped with the time, to split the run in phases
    const script = `set -e; mkdir /src; tar -x -C /src; cd /src
{ ${cmds.join('\n')}
} </dev/null 2>&1 | while IFS= read -r l; do printf '%s %s\\n' "$(date +%s.%N)" "$l"; done`;
    const t0 = Date.now() / 1000;
    const proc = spawn('docker', ['run', '--rm', '-i', '--network', 'host', '--name', name,
      '-e', `PORT=${port}`, IMAGE, 'bash', '-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-C', REPO, '--null', '-T', '-', '-c'], { stdio: ['pipe', 'pipe', 'inherit'] });
    tar.stdout.pipe(proc.stdin);
    tar.stdin.end(files.join('\0'));
    const out = [];
    const marks = {};
    let buf = '';
    proc.stdout.on('data', (d) => {
      buf += d;
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        out.push(line);
        const m = line.match(/^(\d+\.\d+) (.*)$/);
        if (!m) continue;
        if (m[2].startsWith('run: building') && !marks.build) marks.build = Number(m[1]);
        if (m[2].startsWith('run: starting') && !marks.start) marks.start = Number(m[1]);
      }
    });
    proc.stderr.on('data', (d) => out.push(String(d)));
    let exited = null;
    proc.on('exit', (code) => { exited = code; });
    const deadline = Date.now() + 18 * 60 * 1000;
    let stats = null;
    while (!stats) {
      if (exited !== null) break;
      if (Date.now() > deadline) break;
      if (marks.start) {
        try {
          const res = await fetch(`http://127.0.0.1:${port}/api/stats`);
          if (res.status === 200) stats = await res.json();
        } catch {
          // not yet
        }
      }
      await sleep(stats ? 0 : 200);
    }
    const ready = Date.now() / 1000;
    spawnSync('docker', ['rm', '-f', name], { stdio: 'ignore' });
    assert.ok(stats, `no /api/stats (container exit ${exited}); last output:\n${out.slice(-40).join('\n')}`);
    assert.equal(typeof stats.cpu_percent, 'number');
    measure(`firstrun packages_s=${(marks.build - t0).toFixed(1)} build_s=${(marks.start - marks.build).toFixed(1)} start_s=${(ready - marks.start).toFixed(1)} total_s=${(ready - t0).toFixed(1)}`);
  });

  it('installs, serves, removes and purges sysdash_*.deb', async (t) => {
    if (skipped) return t.skip(skipped);
    const mk = spawnSync('make', ['-s', '--no-print-directory', `B=${BIN_DIR}`, 'deb'], { cwd: REPO, encoding: 'utf8' });
    assert.equal(mk.status, 0, `make deb:\n${mk.stdout}${mk.stderr}`);
    assert.doesNotMatch(mk.stdout, /^E: /m, 'lintian shows no error');
    const deb = readdirSync(BIN_DIR).find((f) => /^sysdash_.*\.deb$/.test(f));
    assert.ok(deb);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sysdash-deb-'));
    try {
      copyFileSync(path.join(BIN_DIR, deb), path.join(dir, deb));
      const port = await freePort();
      const name = `sysdash-deb-${process.pid}`;
      names.push(name);
      // asynchronous: the first-run test goes on in its own container meanwhile
      const r = await runAsync('docker', ['run', '--rm', '--network', 'host', '--name', name, '-e', `PORT=${port}`,
        '-v', `${dir}:/deb:ro`, '-v', `${path.join(REPO, 'README.md')}:/src/README.md:ro`,
        '-v', `${path.join(HERE, 'deb-check.sh')}:/check.sh:ro`, IMAGE, 'bash', '/check.sh'], 10 * 60 * 1000);
      const lines = r.stdout.split('\n');
      assert.equal(r.status, 0, `deb-check.sh failed:\n${r.stdout}${r.stderr}`);
      assert.ok(lines.includes('ALL OK'));
      assert.ok(lines.filter((l) => l.startsWith('ok ')).length >= 30, 'every check ran');
      const m = Object.fromEntries(lines.filter((l) => l.startsWith('measure ')).map((l) => l.split(' ').slice(1)));
      measure(`deb deb_bytes=${m.deb_bytes} installed_size_kib=${m.installed_size_kib} installed_du_kib=${m.installed_du_kib} apt_install_s=${m.apt_install_seconds}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
