// env-documented.test.mjs: docs/API.md's environment tables against the
// code. Every variable a program reads (getenv, or a helper that passes its
// argument to getenv, in the C of lib/ cgi/ sampler/ desktop/) or a script
// of the stack reads ($VAR, ${VAR...} in scripts/serve and the launchers)
// must be documented, and every documented one must be read somewhere.
// A failure names the variable and where it is read (or documented).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const C_DIRS = ['lib', 'cgi', 'sampler', 'desktop'];
// the scripts the stack runs (others: bench, deps, tests, are developer tools)
const STACK_SCRIPTS = ['scripts/serve', 'scripts/notify-test', 'scripts/sysdash'];
// set by bash itself, not the environment
const SHELL_OWN = new Set(['SECONDS', 'RANDOM', 'LINENO', 'PIPESTATUS', 'OPTARG',
  'OPTIND', 'IFS', 'PWD', 'OLDPWD', 'UID', 'EUID', 'PPID', 'BASHPID', 'FUNCNAME',
  'BASH_SOURCE', 'BASH_REMATCH', 'REPLY', 'HOSTNAME']);
const ENV_NAME = /^[A-Z][A-Z0-9_]*$/;

function lineOf(text, index) {
  return text.slice(0, index).split('\n').length;
}

// Comments become spaces (string literals kept, offsets and lines kept).
function stripCComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*|"(?:\\.|[^"\\\n])*"/g,
    (m) => (m.startsWith('"') ? m : m.replace(/[^\n]/g, ' ')));
}

// The text between the parenthesis at open and its match.
function callArgs(src, open) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '"') {
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
    } else if (src[i] === '(') depth++;
    else if (src[i] === ')' && --depth === 0) return src.slice(open + 1, i);
  }
  return src.slice(open + 1);
}

// Functions (STYLE: name at the start of a line) whose body hands one of its
// own parameters to a reader: env(name), env_path(name, ...), copy_env(...).
function findWrappers(sources, readers) {
  const defRe = /^([A-Za-z_]\w*)\s*\(([^;{)]*)\)\s*\{([\s\S]*?)^\}/gm;
  let grew = true;
  while (grew) {
    grew = false;
    for (const src of sources) {
      for (const d of src.matchAll(defRe)) {
        const [, name, params, body] = d;
        if (readers.has(name)) continue;
        const pnames = params.split(',').map((p) => (p.match(/(\w+)\s*$/) || [])[1]).filter(Boolean);
        for (const c of body.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
          if (!readers.has(c[1])) continue;
          const args = callArgs(body, c.index + c[0].length - 1).split(',').map((a) => a.trim());
          if (args.some((a) => pnames.includes(a))) {
            readers.add(name);
            grew = true;
            break;
          }
        }
      }
    }
  }
  return readers;
}

// { NAME: ['file:line', ...] } for C sources {file: text}.
export function envReadByC(files) {
  const stripped = Object.fromEntries(Object.entries(files).map(([f, t]) => [f, stripCComments(t)]));
  const readers = findWrappers(Object.values(stripped), new Set(['getenv', 'secure_getenv']));
  const found = {};
  for (const [file, src] of Object.entries(stripped)) {
    for (const c of src.matchAll(/\b([A-Za-z_]\w*)\s*\(/g)) {
      if (!readers.has(c[1])) continue;
      const args = callArgs(src, c.index + c[0].length - 1);
      for (const lit of args.matchAll(/"((?:\\.|[^"\\])*)"/g)) {
        if (!ENV_NAME.test(lit[1])) continue;
        (found[lit[1]] ||= []).push(`${file}:${lineOf(src, c.index)}`);
      }
    }
  }
  return found;
}

export function envReadByShell(files) {
  const found = {};
  for (const [file, text] of Object.entries(files)) {
    text.split('\n').forEach((line, i) => {
      if (/^\s*#/.test(line)) return;
      for (const m of line.matchAll(/\$\{?([A-Z][A-Z0-9_]*)/g)) {
        if (SHELL_OWN.has(m[1])) continue;
        (found[m[1]] ||= []).push(`${file}:${i + 1}`);
      }
    });
  }
  return found;
}

// { NAME: line } for every backquoted name in the first cell of a table row
// under "## Configuration" of docs/API.md.
export function envDocumented(md) {
  const found = {};
  const lines = md.split('\n');
  const start = lines.findIndex((l) => /^## Configuration/.test(l));
  assert.ok(start >= 0, 'docs/API.md has no "## Configuration" section');
  for (let i = start; i < lines.length; i++) {
    if (i > start && /^## /.test(lines[i])) break;
    const row = lines[i].match(/^\|([^|]*)\|/);
    if (!row) continue;
    for (const m of row[1].matchAll(/`([^`]+)`/g)) {
      if (ENV_NAME.test(m[1])) found[m[1]] ||= i + 1;
    }
  }
  return found;
}

function readTree() {
  const c = {};
  for (const dir of C_DIRS) {
    const abs = path.join(ROOT, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs, { recursive: true })) {
      if (/\.[ch]$/.test(f)) c[`${dir}/${f}`] = fs.readFileSync(path.join(abs, f), 'utf8');
    }
  }
  const sh = {};
  for (const f of STACK_SCRIPTS) {
    if (fs.existsSync(path.join(ROOT, f))) sh[f] = fs.readFileSync(path.join(ROOT, f), 'utf8');
  }
  return { c, sh };
}

function merge(a, b) {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = [...(out[k] || []), ...v];
  return out;
}

test('the extractor finds getenv, wrappers of getenv (any depth) and shell expansions', () => {
  const c = envReadByC({
    'x.c': [
      '/* getenv("IN_COMMENT") */',
      'static const char *',
      'env(const char *name)',
      '{',
      '\treturn getenv(name);',
      '}',
      '',
      'static int',
      'env_path(const char *var, char *dst)',
      '{',
      '\tconst char *v = env(var);',
      '\treturn v ? 0 : -1;',
      '}',
      '',
      'int',
      'main(void)',
      '{',
      '\tputs("NOT_READ");',
      '\tif (getenv("DIRECT") || env_path("VIA_TWO", buf))',
      '\t\treturn copy(x, sizeof(x), env("VIA_ONE"), "lower");',
      '}',
    ].join('\n'),
  });
  assert.deepEqual(Object.keys(c).sort(), ['DIRECT', 'VIA_ONE', 'VIA_TWO']);
  assert.deepEqual(c.DIRECT, ['x.c:19']);
  const sh = envReadByShell({ s: '# $IN_COMMENT\nx=${PORT:-8000} $SECONDS\n[ "$HOST" ]\nlocal a=$lower' });
  assert.deepEqual(Object.keys(sh).sort(), ['HOST', 'PORT']);
  const doc = envDocumented('# x\n| `NOT_CONFIG` |\n## Configuration\n| variable |\n|---|\n| `A`, `B_C` | `/x` |\n## Next\n| `D` |');
  assert.deepEqual(doc, { A: 6, B_C: 6 });
});

test('every environment variable the code reads is in docs/API.md, and every one there is read', () => {
  const { c, sh } = readTree();
  const read = merge(envReadByC(c), envReadByShell(sh));
  const md = fs.readFileSync(path.join(ROOT, 'docs/API.md'), 'utf8');
  const documented = envDocumented(md);
  // the extractor works on the real tree: names read only through wrappers
  for (const known of ['CPU_ALERT', 'SYSDASH_PROC_ROOT', 'WEBHOOK_FORMAT', 'PORT', 'SYSDASH_WORKER_USER']) {
    assert.ok(read[known], `the extractor no longer finds ${known}: fix tests/cli/env-documented.test.mjs`);
  }
  const problems = [];
  for (const [name, where] of Object.entries(read).sort()) {
    if (!(name in documented)) {
      problems.push(`${name} is read at ${where.join(', ')} but not documented in docs/API.md ("## Configuration" tables)`);
    }
  }
  for (const [name, line] of Object.entries(documented).sort()) {
    if (!(name in read)) {
      problems.push(`${name} is documented at docs/API.md:${line} but read nowhere (C under ${C_DIRS.join('/ ')}/, ${STACK_SCRIPTS.join(', ')})`);
    }
  }
  assert.deepEqual(problems, [], `\n${problems.join('\n')}`);
});
