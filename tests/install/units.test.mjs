// units.test.mjs: the systemd units of conf/systemd as installed (make
// install PREFIX=/usr DESTDIR=root), checked by `systemd-analyze verify
// --root=root` with the system's own units beside them, so that every
// ExecStart path, dependency and directive is checked against the installed
// tree; any warning counts. Also the cron.d line and the tmpfiles line.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BIN_DIR, REPO } from '../lib/stack.mjs';

let tmp;
let root;
before(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-units-'));
  root = path.join(tmp, 'root');
  execFileSync('make', ['-s', '--no-print-directory', `B=${BIN_DIR}`, 'install', 'PREFIX=/usr', `DESTDIR=${root}`],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  // the system's units (targets the ours name) and the programs the units
  // run that other packages provide
  execFileSync('cp', ['-an', '/lib/systemd/system/.', path.join(root, 'lib/systemd/system/')]);
  copyFileSync(execFileSync('sh', ['-c', 'command -v multiwatch'], { encoding: 'utf8' }).trim(),
    path.join(root, 'usr/bin/multiwatch'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

function verify(unit) {
  return spawnSync('systemd-analyze', ['verify', `--root=${root}`, unit], { encoding: 'utf8' });
}

const UNITS = ['sysdash-sampler.service', 'sysdash-sampler-once.service', 'sysdash-sampler.timer',
  'sysdash-fcgi@stats.socket', 'sysdash-fcgi@stats.service', 'sysdash-fcgi@status.socket',
  'sysdash-fcgi@status.service', 'sysdash-fcgi@history.socket', 'sysdash-fcgi@history.service',
  'sysdash-fcgi@action.socket', 'sysdash-fcgi@action.service'];

describe('systemd-analyze verify', () => {
  for (const unit of UNITS) {
    it(unit, () => {
      const r = verify(unit);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr + r.stdout, '', 'no warning');
    });
  }

  it('every unit file of conf/systemd is in the list above', () => {
    const files = execFileSync('ls', [path.join(REPO, 'conf/systemd')], { encoding: 'utf8' }).split('\n')
      .filter((f) => /\.(service|socket|timer)$/.test(f));
    for (const f of files) {
      assert.ok(UNITS.some((u) => u === f || u.replace(/@[a-z]+\./, '@.') === f), `${f} is verified`);
    }
  });

  it('fails on a broken unit (a missing program, an unknown key)', () => {
    const sampler = path.join(root, 'usr/bin/sysdash-sampler');
    execFileSync('mv', [sampler, `${sampler}.away`]);
    try {
      assert.notEqual(verify('sysdash-sampler.service').status, 0);
    } finally {
      execFileSync('mv', [`${sampler}.away`, sampler]);
    }
    const unit = path.join(root, 'lib/systemd/system/sysdash-sampler-once.service');
    execFileSync('sh', ['-c', `cp "$0" "$0.orig" && echo 'Bogus=1' >> "$0"`, unit]);
    try {
      assert.match(verify('sysdash-sampler-once.service').stderr, /Unknown key/);
    } finally {
      execFileSync('mv', [`${unit}.orig`, unit]);
    }
  });

  it('each unit runs as sysdash with the hardening of the issue', () => {
    for (const f of ['sysdash-sampler.service', 'sysdash-sampler-once.service', 'sysdash-fcgi@.service']) {
      const text = readFileSync(path.join(REPO, 'conf/systemd', f), 'utf8');
      for (const line of ['User=sysdash', 'EnvironmentFile=-/etc/sysdash/sysdash.env', 'ProtectSystem=strict',
        'ProtectHome=yes', 'PrivateTmp=yes', 'NoNewPrivileges=yes', 'ReadWritePaths=/var/lib/sysdash']) {
        assert.ok(text.split('\n').includes(line), `${f}: ${line}`);
      }
    }
    const sock = readFileSync(path.join(REPO, 'conf/systemd/sysdash-fcgi@.socket'), 'utf8');
    assert.match(sock, /^ListenStream=\/run\/sysdash\/%i\.sock$/m);
    assert.match(sock, /^SocketGroup=www-data$/m);
    assert.match(sock, /^SocketMode=0660$/m);
  });
});

describe('cron and tmpfiles', () => {
  it('conf/cron.d/sysdash: one job line, user sysdash, an installed program with valid flags', () => {
    const jobs = readFileSync(path.join(REPO, 'conf/cron.d/sysdash'), 'utf8').split('\n')
      .filter((l) => l && !l.startsWith('#') && !/^[A-Z_]+=/.test(l));
    assert.equal(jobs.length, 1);
    const f = jobs[0].split(/\s+/);
    assert.deepEqual(f.slice(0, 6), ['*', '*', '*', '*', '*', 'sysdash']);
    assert.ok(existsSync(path.join(root, f[6])), `${f[6]} is installed`);
    // the same command, run here against a scratch folder, exits 0
    const dir = path.join(tmp, 'cron');
    const args = f.slice(7).map((a) => a.replace('/var/lib/sysdash', dir));
    execFileSync('mkdir', ['-p', dir]);
    const r2 = spawnSync(path.join(BIN_DIR, 'sysdash-sampler'), args, {
      encoding: 'utf8', env: { ...process.env, SYSDASH_DATA_DIR: dir },
    });
    assert.equal(r2.status, 0, r2.stderr);
    assert.equal(readFileSync(path.join(dir, 'metrics.csv'), 'utf8').trim().split('\n').length, 2);
  });

  it('conf/tmpfiles.d/sysdash.conf makes /run/sysdash 0750 sysdash:www-data', () => {
    const lines = readFileSync(path.join(REPO, 'conf/tmpfiles.d/sysdash.conf'), 'utf8').split('\n')
      .filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(lines, ['d /run/sysdash 0750 sysdash www-data -']);
  });
});
