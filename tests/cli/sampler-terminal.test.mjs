// sampler-terminal.test.mjs: the start and stop lines of the old tool
// ("Surveillance en cours… (Ctrl+C pour arrêter)", "Arrêté."), on stderr,
// in SYSDASH_LANG, only when stderr is a terminal (script(1) gives the
// sampler a real pty) and not --quiet; never on a pipe or with --once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { BIN, run, env, tmpDir, cleanup } from './sampler.mjs';

after(cleanup);

const LINES = {
  fr: ['Surveillance en cours… (Ctrl+C pour arrêter)', 'Arrêté.'],
  en: ['Monitoring… (Ctrl+C to stop)', 'Stopped.'],
  es: ['Supervisión en curso… (Ctrl+C para detener)', 'Detenido.'],
  ru: ['Идёт мониторинг… (Ctrl+C для остановки)', 'Остановлено.'],
};

/** Runs the sampler with its stdin/stdout/stderr on a pty; all it printed. */
function onTerminal(args, e) {
  const cmd = [BIN, ...args].map((a) => `'${a}'`).join(' ');
  return new Promise((resolve, reject) => {
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], { env: e, cwd: tmpDir() });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('error', reject);
    p.on('close', (code) => resolve({ code, out: out.replace(/\r\n/g, '\n') }));
  });
}

for (const [lang, [start, stop]] of Object.entries(LINES)) {
  test(`on a terminal, SYSDASH_LANG=${lang}: the start line first, the stop line last`, async () => {
    const r = await onTerminal(['--count', '2', '--interval', '0.1', '--no-export'],
      env({ SYSDASH_LANG: lang }));
    assert.equal(r.code, 0, r.out);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], start, r.out);
    assert.equal(lines.at(-1), stop, r.out);
    assert.equal(lines.length, 4, r.out); // start, two samples, stop
  });
}

test('French by default; Ctrl-C (SIGINT) ends with the stop line', async () => {
  const e = env({ SYSDASH_LANG: undefined });
  const cmd = `'${BIN}' --interval 0.2 --no-export & p=$!; sleep 0.8; kill -INT $p; wait $p`;
  const r = await new Promise((resolve) => {
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], { env: e, cwd: tmpDir() });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    p.on('close', (code) => resolve({ code, out: out.replace(/\r\n/g, '\n') }));
  });
  assert.equal(r.code, 0, r.out);
  assert.ok(r.out.startsWith(`${LINES.fr[0]}\n`), r.out);
  assert.ok(r.out.trimEnd().endsWith(LINES.fr[1]), r.out);
});

test('--quiet, --once, or stderr not a terminal: no start or stop line', async () => {
  for (const args of [['--count', '1', '--no-export', '--quiet'], ['--once', '--no-export']]) {
    const r = await onTerminal(args, env({ SYSDASH_LANG: 'fr' }));
    assert.equal(r.code, 0, r.out);
    assert.ok(!r.out.includes('Surveillance') && !r.out.includes('Arrêté'), `${args}: ${r.out}`);
  }
  const r = await run(['--count', '1', '--no-export'], { env: env({ SYSDASH_LANG: 'fr' }) });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, '');
});
