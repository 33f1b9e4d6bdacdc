// render.test.mjs: render.yaml, the Render Blueprint, against the fields
// Render documents (https://render.com/docs/blueprint-spec and its JSON
// schema https://render.com/schema/render.yaml.json: the definitions
// serverService, envVarFromKeyValue and disk, copied below as tables), the
// commented disk block included; and its values against the programs.
// No Docker needed.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse, parseDocument } from 'yaml';
import { BIN_DIR, REPO } from '../lib/stack.mjs';

const FILE = path.join(REPO, 'render.yaml');

// ---- Render's documented fields (render.yaml.json) ---------------------------
const str = { type: 'string' };
const bool = { type: 'boolean' };
const obj = { type: 'object' };
const arr = { type: 'array' };
const PLANS = ['free', 'starter', 'standard', 'pro', 'pro plus', 'pro max', 'pro ultra'];
const ROOT = { services: arr, databases: arr, envVarGroups: arr, previews: obj, previewsEnabled: bool,
  previewsExpireAfterDays: { type: 'integer', min: 1 }, projects: arr, ungrouped: obj, version: { enum: ['1'] } };
const SERVICE = {
  type: { enum: ['web', 'worker', 'pserv'] }, name: str,
  region: { enum: ['oregon', 'ohio', 'frankfurt', 'singapore', 'virginia'] }, plan: { enum: PLANS },
  runtime: { enum: ['docker', 'elixir', 'go', 'image', 'node', 'python', 'ruby', 'rust', 'static'] },
  repo: str, branch: str, image: obj, rootDir: str, dockerCommand: str, dockerContext: str, dockerfilePath: str,
  numInstances: { type: 'integer', min: 1 }, healthCheckPath: str, scaling: obj, buildCommand: str,
  startCommand: str, preDeployCommand: str, registryCredential: obj, domain: str, domains: arr, envVars: arr,
  autoDeploy: bool, autoDeployTrigger: { enum: ['off', 'commit', 'checksPass'] }, initialDeployHook: str,
  disk: obj, buildFilter: obj, previews: obj, pullRequestPreviewsEnabled: bool, previewPlan: { enum: PLANS },
  maintenanceMode: obj, maxShutdownDelaySeconds: { type: 'integer', min: 1, max: 300 }, ipAllowList: arr,
  renderSubdomainPolicy: { enum: ['enabled', 'disabled'] },
};
const SERVICE_REQUIRED = ['type', 'name', 'runtime'];
const ENV_VAR = { key: str, value: { type: ['string', 'number'] }, generateValue: bool, sync: bool,
  previewValue: { type: ['string', 'number'] } };
const DISK = { name: str, mountPath: str, sizeGB: { type: 'integer', min: 1 } };

/** Problems of object o against a field table (additionalProperties: false). */
function check(o, fields, required, where) {
  const errors = [];
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return [`${where}: not a mapping`];
  for (const k of required) if (!(k in o)) errors.push(`${where}: missing ${k}`);
  for (const [k, v] of Object.entries(o)) {
    const f = fields[k];
    if (!f) { errors.push(`${where}.${k}: not a documented field`); continue; }
    const types = [f.type ?? (f.enum ? 'string' : 'any')].flat();
    const t = Array.isArray(v) ? 'array' : Number.isInteger(v) && types.includes('integer') ? 'integer'
      : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v;
    if (!types.includes('any') && !types.includes(t)) errors.push(`${where}.${k}: ${t}, not ${types.join('|')}`);
    if (f.enum && !f.enum.includes(v)) errors.push(`${where}.${k}: '${v}' not one of ${f.enum.join(', ')}`);
    if (f.min !== undefined && !(v >= f.min)) errors.push(`${where}.${k}: below ${f.min}`);
    if (f.max !== undefined && !(v <= f.max)) errors.push(`${where}.${k}: above ${f.max}`);
  }
  return errors;
}

/** Every problem of a parsed Blueprint. */
function validate(bp) {
  const errors = check(bp, ROOT, ['services'], 'render.yaml');
  (bp.services ?? []).forEach((s, i) => {
    errors.push(...check(s, SERVICE, SERVICE_REQUIRED, `services[${i}]`));
    (s.envVars ?? []).forEach((e, j) => errors.push(...check(e, ENV_VAR, ['key'], `services[${i}].envVars[${j}]`)));
    if (s.disk) {
      errors.push(...check(s.disk, DISK, ['name', 'mountPath'], `services[${i}].disk`));
      // "The disk size in GB. Must be either 1 or a multiple of 5."
      if (s.disk.sizeGB !== undefined && s.disk.sizeGB !== 1 && s.disk.sizeGB % 5) errors.push('disk.sizeGB: not 1 or a multiple of 5');
      if (s.plan === 'free' || s.plan === undefined) errors.push('disk: persistent disks need a paid instance type');
    }
  });
  return errors;
}

/** render.yaml with its commented disk block uncommented, on a paid plan. */
function withDisk(text) {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => /^\s*# disk:\s*$/.test(l));
  assert.ok(at > 0, 'render.yaml has a commented disk: block');
  const indent = lines[at].indexOf('#');
  for (let i = at; i < lines.length && lines[i].startsWith(`${' '.repeat(indent)}#`); i++) {
    lines[i] = ' '.repeat(indent) + lines[i].slice(indent + 2);
  }
  return lines.join('\n').replace(/^(\s*plan:) free$/m, '$1 starter');
}

describe('render.yaml', () => {
  const text = readFileSync(FILE, 'utf8');
  const bp = parse(text);
  const web = bp.services?.[0];
  const env = Object.fromEntries((web?.envVars ?? []).map((e) => [e.key, e]));

  it('parses as YAML without warnings and holds only documented fields', () => {
    const doc = parseDocument(text);
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.warnings, []);
    assert.deepEqual(validate(bp), []);
  });

  it('the validator catches what Render would refuse', () => {
    const bad = (edit) => { const b = structuredClone(bp); edit(b); return validate(b); };
    assert.ok(bad((b) => { b.services[0].healthcheckPath = '/x'; }).length, 'misspelt field');
    assert.ok(bad((b) => { delete b.services[0].runtime; }).length, 'no runtime');
    assert.ok(bad((b) => { b.services[0].plan = 'hobby'; }).length, 'unknown plan');
    assert.ok(bad((b) => { b.services[0].envVars[0].generate = true; }).length, 'unknown env var field');
    assert.ok(bad((b) => { b.services[0].disk = { name: 'd', mountPath: '/data' }; }).length, 'disk on the free plan');
    assert.ok(bad((b) => { b.services[0].maxShutdownDelaySeconds = 301; }).length, 'over 300 s');
  });

  it('one Docker web service from this Dockerfile, health-checked on /api/stats', () => {
    assert.equal(bp.services.length, 1);
    assert.equal(web.type, 'web');
    assert.equal(web.runtime, 'docker');
    assert.ok(existsSync(path.join(REPO, web.dockerContext, web.dockerfilePath)));
    assert.equal(web.healthCheckPath, '/api/stats');
  });

  it('ACTION_TOKEN generated, WEBHOOK_URL asked for, thresholds and language at their defaults', () => {
    assert.deepEqual(env.ACTION_TOKEN, { key: 'ACTION_TOKEN', generateValue: true });
    assert.deepEqual(env.WEBHOOK_URL, { key: 'WEBHOOK_URL', sync: false });
    // the defaults of API.md
    assert.equal(env.CPU_ALERT.value, '80');
    assert.equal(env.RAM_ALERT.value, '90');
    assert.equal(env.SYSDASH_LANG.value, 'fr');
  });

  it('the programs accept its values (a generated token, an empty webhook URL)', () => {
    const vars = {};
    for (const e of web.envVars) vars[e.key] = e.generateValue ? randomBytes(32).toString('base64') : String(e.value ?? '');
    // --once writes its state file by rename: a scratch folder, never /dev/null
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'sysdash-render-'));
    try {
      const once = (extra) => spawnSync(path.join(BIN_DIR, 'sysdash-sampler'),
        ['--once', '--no-export', '--quiet', '--state', path.join(tmp, 'sampler.state')],
        { encoding: 'utf8', env: { PATH: process.env.PATH, ...vars, ...extra } });
      const r = once({});
      assert.equal(r.status, 0, r.stderr);
      assert.equal(once({ SYSDASH_LANG: 'xx' }).status, 2, 'the same run refuses a wrong value');
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('the commented /data disk block is valid once uncommented on a paid plan, and says so', () => {
    assert.match(text, /# .*[Pp]ersistent disks need a paid/);
    assert.match(text, /lost at each deploy/);
    const paid = parse(withDisk(text));
    assert.deepEqual(paid.services[0].disk, { name: 'sysdash-data', mountPath: '/data', sizeGB: 1 });
    assert.deepEqual(validate(paid), []);
    assert.ok(validate(parse(withDisk(text).replace(/plan: starter/, 'plan: free'))).length);
  });
});
