// install.test.mjs: `make install` puts the desktop window, its menu entry
// (desktop-file-validate clean), icon and catalogs in place; uninstall
// takes them away again.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ROOT, BIN_DIR, tmpDir, cleanup } from '../cli/sampler.mjs';

after(cleanup);

test('make install: binary, .desktop, icon, .mo files; uninstall removes them', () => {
  const dest = tmpDir('install');
  const mk = (t) => spawnSync('make', ['--no-print-directory', `B=${path.relative(ROOT, BIN_DIR)}`,
    t, `DESTDIR=${dest}`, 'PREFIX=/usr'], { cwd: ROOT, encoding: 'utf8' });
  let r = mk('install');
  assert.equal(r.status, 0, r.stderr);
  const files = [
    'usr/bin/sysdash-desktop',
    'usr/share/applications/sysdash.desktop',
    'usr/share/icons/hicolor/scalable/apps/sysdash.svg',
    ...['fr', 'es', 'ru'].map((l) => `usr/share/locale/${l}/LC_MESSAGES/sysdash.mo`),
  ];
  for (const f of files) assert.ok(fs.existsSync(path.join(dest, f)), f);
  r = spawnSync('desktop-file-validate', [path.join(dest, files[1])], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(r.stdout + r.stderr, '');
  const entry = fs.readFileSync(path.join(dest, files[1]), 'utf8');
  assert.match(entry, /^Exec=sysdash-desktop$/m);
  assert.match(entry, /^Icon=sysdash$/m);
  assert.match(fs.readFileSync(path.join(dest, files[2]), 'utf8'), /^<svg /);
  r = spawnSync(path.join(dest, files[0]), ['--version'], { encoding: 'utf8' });
  assert.match(r.stdout, /^sysdash-desktop /);
  r = mk('uninstall');
  assert.equal(r.status, 0, r.stderr);
  for (const f of files) assert.ok(!fs.existsSync(path.join(dest, f)), `${f} left behind`);
});
