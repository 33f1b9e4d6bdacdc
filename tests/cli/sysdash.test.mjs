// sysdash.test.mjs: the one command, build/sysdash and an installed copy
// (make install PREFIX=/usr DESTDIR=tmp): the CLI mode passes every flag to
// the sampler, --web serves the whole stack (flags and HOST/PORT), --desktop
// runs sysdash-desktop or exits 2, --help; and each bad value (port, host,
// unknown option, missing value, port in use, missing program, unwritable
// data folder or export) is one line on stderr, exit 2, nothing started.
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN_DIR, descendants, freePort, REPO } from '../lib/stack.mjs';

const SYSDASH = path.join(BIN_DIR, 'sysdash');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
let tmp;
let installed; // DESTDIR of make install PREFIX=/usr

before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-cmd-'));
  await chmod(tmp, 0o755); // as root, serve's service user must get in
  installed = path.join(tmp, 'root');
  execFileSync('make', ['-s', '--no-print-directory', `B=${BIN_DIR}`, 'install', 'PREFIX=/usr',
    `DESTDIR=${installed}`], { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function run(cmd, args, env = {}, opts = {}) {
  return spawnSync(cmd, args, {
    encoding: 'utf8', timeout: 20000, cwd: tmp, ...opts,
    env: { ...process.env, HOST: '', PORT: '', SYSDASH_DATA_DIR: path.join(tmp, 'data'), ...env },
  });
}

/** exit 2 and exactly one line on stderr matching re; nothing on stdout */
function refused(r, re) {
  assert.equal(r.status, 2, `status ${r.status}, stderr: ${r.stderr}`);
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line, got: ${r.stderr}`);
  assert.match(lines[0], /^sysdash: /);
  assert.match(lines[0], re);
  assert.equal(r.stdout, '');
}

async function getJSON(url, ms = 15000) {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status === 200) return await res.json();
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`no answer from ${url}`);
    await sleep(100);
  }
}

/** Starts `cmd --web ...`, waits for /api/stats, returns it and stops. */
async function web(cmd, args, env, port, host = '127.0.0.1') {
  const proc = spawn(cmd, ['--web', ...args], {
    cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, HOST: '', PORT: '', SYSDASH_DATA_DIR: path.join(tmp, 'data'), ...env },
  });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((r) => proc.once('exit', (code) => r(code)));
  try {
    const stats = await Promise.race([
      getJSON(`http://${host}:${port}/api/stats`),
      exited.then((code) => { throw new Error(`--web exited ${code}: ${stderr}`); }),
    ]);
    return { stats, stderr };
  } finally {
    const kids = descendants(proc.pid);
    proc.kill('SIGTERM');
    await exited;
    for (const pid of kids) {
      assert.ok(!existsSync(`/proc/${pid}/stat`) ||
        readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].startsWith('Z'),
        `process ${pid} left running`);
    }
  }
}

for (const [where, cmd] of [['source tree', () => SYSDASH], ['installed', () => path.join(installed, 'usr/bin/sysdash')]]) {
  describe(`sysdash (${where})`, () => {
    it('without --web is the sampler CLI with its flags', () => {
      const csv = path.join(tmp, `${where}-cli.csv`);
      const ok = run(cmd(), ['--count', '2', '--interval', '0.1', '--export-csv', csv,
        '--export-jsonl', `${csv}.jsonl`]);
      assert.equal(ok.status, 0, ok.stderr);
      assert.equal(ok.stdout.trim().split('\n').length, 2);
      assert.match(ok.stdout, /CPU: +[\d.]+%( !!)? \| RAM:/);
      assert.equal(readFileSync(csv, 'utf8').trim().split('\n').length, 3, 'header + 2 rows');
      const bad = run(cmd(), ['--interval', 'abc']);
      assert.equal(bad.status, 2, "the sampler's own checks and exit status");
      assert.match(bad.stderr, /^sysdash-sampler: .*interval/);
    });

    it('--version and --help', () => {
      assert.match(run(cmd(), ['--version']).stdout, /\d+\.\d+\.\d+/);
      const h = run(cmd(), ['--help']);
      assert.equal(h.status, 0);
      for (const s of ['--web', '--desktop', '--host', '--port', '--export-csv', '--interval', '--once', 'HOST', 'PORT']) {
        assert.ok(h.stdout.includes(s), `--help names ${s}`);
      }
      assert.equal(run(cmd(), ['--web', '--help']).status, 0);
    });

    it('--web serves the stack with --host/--port/--export-csv/--export-jsonl', async () => {
      const port = await freePort();
      const csv = path.join(tmp, `${where}-web`, 'm.csv');
      const jsonl = path.join(tmp, `${where}-web`, 'm.jsonl');
      await mkdir(path.dirname(csv), { recursive: true });
      // as root the sampler runs as the service user: the folder is its
      if (process.getuid() === 0 && spawnSync('id', ['sysdash']).status === 0) {
        execFileSync('chown', ['sysdash:', path.dirname(csv)]);
      }
      const { stats } = await web(cmd(), ['--host', '127.0.0.1', '--port', String(port),
        '--export-csv', csv, '--export-jsonl', jsonl], {}, port);
      assert.equal(typeof stats.cpu_percent, 'number');
      assert.ok(existsSync(csv), 'the sampler writes --export-csv');
      assert.ok(existsSync(jsonl), 'the sampler writes --export-jsonl');
    });

    it('--web honours HOST and PORT from the environment, --port over PORT', async () => {
      const port = await freePort();
      await web(cmd(), [], { HOST: '127.0.0.1', PORT: String(port) }, port);
      const port2 = await freePort();
      await web(cmd(), [`--port=${port2}`], { PORT: '1' }, port2);
    });
  });
}

describe('sysdash --web refuses before starting anything', () => {
  const bad = [
    [['--port', 'abc'], /--port: 'abc' is not a port number/],
    [['--port', ''], /--port: '' is not a port number/],
    [['--port', '0'], /not in 1\.\.65535/],
    [['--port', '65536'], /not in 1\.\.65535/],
    [['--port', '99999999999999999999'], /not in 1\.\.65535/],
    [['--port', '-1'], /not a port number/],
    [['--host', ''], /--host: '' is not an address/],
    [['--host', 'a b'], /is not an address/],
    [['--host', 'x;rm -rf /'], /is not an address/],
    [['--host', '-bad'], /is not an address/],
    [['--host', 'a'.repeat(300)], /too long/],
    [['--bogus'], /unknown option '--bogus'/],
    [['--interval', '3'], /unknown option '--interval'/],
    [['--port'], /--port needs a value/],
    [['--export-csv', ''], /--export-csv: empty path/],
    [['--export-csv', '/proc/sysdash.csv'], /--export-csv: the folder '\/proc' is not writable/],
    [['--export-jsonl', '/'], /names a folder|is a folder/],
    [['--desktop'], /--web and --desktop cannot go together/],
  ];
  for (const [args, re] of bad) {
    it(`${JSON.stringify(args).slice(0, 60)}`, () => {
      refused(run(SYSDASH, ['--web', ...args]), re);
    });
  }

  it('PORT from the environment is checked too', () => {
    refused(run(SYSDASH, ['--web'], { PORT: 'http' }), /'http' is not a port number/);
  });

  it('a port already in use', async () => {
    const srv = net.createServer();
    await new Promise((r) => srv.listen(0, '127.0.0.1', r));
    const { port } = srv.address();
    try {
      refused(run(SYSDASH, ['--web', '--port', String(port)]), new RegExp(`port ${port} is already in use`));
      refused(run(SYSDASH, ['--web', '--port', String(port), '--host', '0.0.0.0']), /already in use/);
    } finally {
      srv.close();
    }
  });

  it('a data folder that cannot be written', () => {
    refused(run(SYSDASH, ['--web'], { SYSDASH_DATA_DIR: '/proc/sysdash-data' }),
      /SYSDASH_DATA_DIR: cannot create the folder '\/proc\/sysdash-data'/);
    refused(run(SYSDASH, ['--web'], { SYSDASH_DATA_DIR: '/etc/hostname/x' }), /cannot create the folder/);
  });

  it('a data folder another user owns (run as nobody)', async (t) => {
    if (process.getuid() !== 0) return t.skip('needs root to switch to nobody');
    const dir = path.join(tmp, 'rootonly');
    await mkdir(dir, { mode: 0o755 });
    const r = spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', SYSDASH, '--web'], {
      encoding: 'utf8', cwd: '/', env: { ...process.env, HOST: '', PORT: '', SYSDASH_DATA_DIR: dir },
    });
    refused(r, /SYSDASH_DATA_DIR: the folder '.*rootonly' is not writable by nobody/);
    assert.deepEqual(readdirSync(dir), [], 'nothing left in it');
  });

  it('a missing program (an installed copy without stats.fcgi)', async () => {
    const root = path.join(tmp, 'broken');
    execFileSync('cp', ['-a', installed, root]);
    await rm(path.join(root, 'usr/lib/sysdash/stats.fcgi'));
    refused(run(path.join(root, 'usr/bin/sysdash'), ['--web']), /missing program: .*\/stats\.fcgi/);
  });
});

describe('sysdash --web as root, for the service user', () => {
  it('a data folder the service user cannot reach', async (t) => {
    if (process.getuid() !== 0) return t.skip('needs root');
    if (spawnSync('id', ['sysdash']).status !== 0) return t.skip('no sysdash user yet');
    const closed = path.join(tmp, 'closed');
    await mkdir(path.join(closed, 'data'), { recursive: true });
    await chmod(closed, 0o700);
    refused(run(SYSDASH, ['--web'], { SYSDASH_DATA_DIR: path.join(closed, 'data') }),
      /SYSDASH_DATA_DIR: the service user sysdash cannot reach '.*closed\/data'/);
    await mkdir(path.join(tmp, 'rootexp'), { recursive: true, mode: 0o755 });
    refused(run(SYSDASH, ['--web', '--export-csv', path.join(tmp, 'rootexp', 'm.csv')]),
      /--export-csv: the service user sysdash cannot write in '.*rootexp'/);
  });
});

describe('sysdash --desktop', () => {
  it('exits 2 with a clear message when sysdash-desktop is not there', async (t) => {
    if (existsSync(path.join(BIN_DIR, 'sysdash-desktop'))) return t.skip('sysdash-desktop is built');
    refused(run(SYSDASH, ['--desktop']), /desktop window is not installed here/);
  });

  it('runs sysdash-desktop beside it with the other arguments', async () => {
    // an installed layout whose sysdash-desktop reports how it was called
    const root = path.join(tmp, 'desk');
    execFileSync('cp', ['-a', installed, root]);
    const desk = path.join(root, 'usr/bin/sysdash-desktop');
    await writeFile(desk, '#!/bin/sh\necho "desktop:$*"\nexit 7\n');
    await chmod(desk, 0o755);
    const r = run(path.join(root, 'usr/bin/sysdash'), ['--lang', 'en', '--desktop', 'x']);
    assert.equal(r.status, 7);
    assert.equal(r.stdout, 'desktop:--lang en x\n');
  });
});

describe('sysdash from elsewhere', () => {
  it('works through a symlink and from another folder', async () => {
    const link = path.join(tmp, 'sd-link');
    await rm(link, { force: true });
    execFileSync('ln', ['-s', SYSDASH, link]);
    const r = run(link, ['--count', '1', '--no-export'], {}, { cwd: '/' });
    assert.equal(r.status, 0, r.stderr);
    await copyFile(SYSDASH, path.join(tmp, 'sd-copy'));
    await chmod(path.join(tmp, 'sd-copy'), 0o755);
    refused(run(path.join(tmp, 'sd-copy'), ['--count', '1']), /missing program: .*sysdash-sampler/);
  });
});
