// wine.mjs: runs the Windows build (build/win/*.exe) under Debian's Wine in
// a fresh prefix made once per test file (about 10 s), with WINEDEBUG=-all
// and a UTF-8 locale (Wine decodes Unix arguments and paths with it).
import fs from 'node:fs';
import zlib from 'node:zlib';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ROOT, tmpDir } from '../cli/sampler.mjs';

export const WIN_DIR = path.join(process.env.SYSDASH_BIN_DIR
  ? path.resolve(ROOT, process.env.SYSDASH_BIN_DIR) : path.join(ROOT, 'build'), 'win');
// Debian's wine64 package installs the loader here and `wine` on PATH
export const WINE = fs.existsSync('/usr/bin/wine64') ? '/usr/bin/wine64' : 'wine';

const KEEP = ['PATH', 'LANG', 'LC_ALL', 'TZ', 'TMPDIR', 'DISPLAY', 'XAUTHORITY'];

// A prefix: { dir, env(over), win(unixPath), unix(winPath), user, temp }.
export function makePrefix() {
  const dir = tmpDir('wine');
  const base = {};
  for (const k of KEEP) if (process.env[k] !== undefined) base[k] = process.env[k];
  Object.assign(base, {
    WINEPREFIX: dir, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=',
    LC_ALL: 'C.UTF-8', LANG: 'C.UTF-8', HOME: dir,
  });
  // one persistent wineserver for the whole file, started first and with
  // no pipe of ours (a server started by a run would hold its stdout open)
  spawnSync('wineserver', ['-p'], { env: base, stdio: 'ignore', timeout: 20000 });
  const r = spawnSync(WINE, ['wineboot', '-i'], { env: base, encoding: 'utf8', timeout: 120000 });
  if (r.status !== 0) throw new Error(`wineboot: ${r.status} ${r.stderr}`);
  const users = path.join(dir, 'drive_c', 'users');
  const user = fs.readdirSync(users).find((u) => u !== 'Public');
  const p = {
    dir,
    user,
    home: path.join(users, user),
    // Wine's %TEMP% (checked by the action tests through the cleanup message)
    temp: path.join(users, user, 'Temp'),
    appdata: path.join(users, user, 'AppData', 'Roaming'),
    localappdata: path.join(users, user, 'AppData', 'Local'),
    desktop: path.join(users, user, 'Desktop'),
    env: (over = {}) => {
      const e = { ...base };
      for (const [k, v] of Object.entries(over)) {
        if (v === undefined) delete e[k]; else e[k] = String(v);
      }
      return e;
    },
    // Z: is the Unix root in a Wine prefix
    win: (unixPath) => `Z:${path.resolve(unixPath).replaceAll('/', '\\')}`,
  };
  fs.mkdirSync(p.temp, { recursive: true });
  fs.mkdirSync(p.desktop, { recursive: true });
  return p;
}

// Runs exe with args to completion: { code, stdout, stderr, ms }.
export function wine(prefix, exe, args, opts = {}) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(WINE, [exe, ...args], {
      env: prefix.env(opts.env), cwd: opts.cwd ?? prefix.dir, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeout ?? 60000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: stdout.replaceAll('\r\n', '\n'),
        stderr: stderr.replaceAll('\r\n', '\n'), ms: Number(process.hrtime.bigint() - t0) / 1e6 });
    });
  });
}

// Stops the prefix's wineserver (and every process in it).
export function killPrefix(prefix) {
  spawnSync('wineserver', ['-k'], { env: prefix.env(), stdio: 'ignore', timeout: 20000 });
}

// A 24-bit bottom-up BMP (sysdash-desktop.exe --snapshot) as a PNG, so the
// screenshot opens anywhere: 8-bit RGB, no filter, zlib from node.
export function bmpToPng(bmp) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type, data) => {
    const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  if (bmp.toString('ascii', 0, 2) !== 'BM') throw new Error('not a BMP');
  const off = bmp.readUInt32LE(10);
  const w = bmp.readInt32LE(18);
  const h = bmp.readInt32LE(22);
  if (bmp.readUInt16LE(28) !== 24) throw new Error('not 24-bit');
  const stride = (w * 3 + 3) & ~3;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    const src = off + (h - 1 - y) * stride;
    const dst = y * (w * 3 + 1);
    for (let x = 0; x < w; x++) {
      raw[dst + 1 + x * 3] = bmp[src + x * 3 + 2];
      raw[dst + 2 + x * 3] = bmp[src + x * 3 + 1];
      raw[dst + 3 + x * 3] = bmp[src + x * 3];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0); ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; ihdr[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}
