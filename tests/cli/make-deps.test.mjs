// make-deps.test.mjs: `make` without node_modules stops with a message naming
// `make deps`, instead of building pages that have no chart library. Runs
// the real Makefile's www target into a scratch build folder, once with
// uPlot where node_modules has it and once with it missing (UPLOT=).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './sampler.mjs';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sysdash-make-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function make(args) {
  return spawnSync('make', ['--no-print-directory', '-C', ROOT, ...args], { encoding: 'utf8' });
}

test('without uPlot: make fails, names make deps, builds no page', () => {
  const b = path.join(scratch, 'missing');
  const r = make([`B=${b}`, `UPLOT=${path.join(scratch, 'no-node-modules')}`, 'www']);
  assert.notEqual(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /uPlot\.iife\.min\.js is missing.*run 'make deps'/);
  assert.equal(fs.existsSync(path.join(b, 'www', '.stamp')), false);
  assert.equal(fs.existsSync(path.join(b, 'www', 'index.html')), false);
});

test('with node_modules: the pages and uPlot are copied', () => {
  const b = path.join(scratch, 'ok');
  const r = make([`B=${b}`, 'www']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  for (const f of ['index.html', 'history.html', 'vendor/uPlot.iife.min.js', 'vendor/uPlot.min.css']) {
    assert.ok(fs.statSync(path.join(b, 'www', f)).size > 0, f);
  }
});
