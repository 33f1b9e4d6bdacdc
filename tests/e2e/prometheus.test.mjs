// prometheus.test.mjs: GET /metrics passes `promtool check metrics`, and a
// real Prometheus server (Debian's, on loopback, temporary storage) scrapes
// it and returns our series from its query API.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort, startStack } from '../lib/stack.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('/metrics and Prometheus', () => {
  let stack;

  before(async () => {
    stack = await startStack({ env: { CPU_ALERT: '75' } });
  });
  after(async () => {
    await stack?.stop();
  });

  it('passes promtool check metrics', async () => {
    const text = await (await fetch(`${stack.base}/metrics`)).text();
    const r = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
    assert.equal(`${r.stdout}${r.stderr}`, '');
    // and promtool is not a rubber stamp: a counter-style name fails it
    const bad = spawnSync('promtool', ['check', 'metrics'], {
      input: '# HELP sysdash_x_count x\n# TYPE sysdash_x_count gauge\nsysdash_x_count 1\n', encoding: 'utf8',
    });
    assert.notEqual(bad.status, 0);
  });

  it('every sample has HELP and TYPE gauge, names sysdash_*', async () => {
    const lines = (await (await fetch(`${stack.base}/metrics`)).text()).trim().split('\n');
    const typed = new Set(lines.filter((l) => l.startsWith('# TYPE ')).map((l) => l.split(' ')[2]));
    const helped = new Set(lines.filter((l) => l.startsWith('# HELP ')).map((l) => l.split(' ')[2]));
    for (const l of lines.filter((x) => !x.startsWith('#'))) {
      const name = l.match(/^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/)[1];
      assert.match(name, /^sysdash_/);
      assert.ok(typed.has(name) && helped.has(name), name);
    }
    for (const l of lines.filter((x) => x.startsWith('# TYPE '))) assert.match(l, / gauge$/);
  });

  it('a real Prometheus scrapes it and answers queries on our series', async (t) => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'sysdash-prom-'));
    const port = await freePort();
    const config = path.join(tmp, 'prometheus.yml');
    await writeFile(config, [
      'global:',
      '  scrape_interval: 1s',
      '  scrape_timeout: 1s',
      'scrape_configs:',
      '  - job_name: sysdash',
      '    metrics_path: /metrics',
      '    static_configs:',
      `      - targets: ['127.0.0.1:${stack.port}']`,
      '',
    ].join('\n'));
    let log = '';
    const prom = spawn('prometheus', [
      `--config.file=${config}`, `--storage.tsdb.path=${path.join(tmp, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`, '--log.level=warn',
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    prom.stdout.on('data', (d) => { log += d; });
    prom.stderr.on('data', (d) => { log += d; });
    const api = `http://127.0.0.1:${port}/api/v1`;
    const query = async (q) => {
      const r = await fetch(`${api}/query?query=${encodeURIComponent(q)}`);
      const body = await r.json();
      assert.equal(body.status, 'success', JSON.stringify(body));
      return body.data.result;
    };
    t.after(async () => {
      if (prom.exitCode === null) {
        prom.kill('SIGTERM');
        await new Promise((r) => prom.once('exit', r));
      }
      await rm(tmp, { recursive: true, force: true });
    });

    let result = [];
    const deadline = Date.now() + 30000;
    while (Date.now() < deadline && prom.exitCode === null) {
      try {
        result = await query('sysdash_ram_total_gib');
        if (result.length) break;
      } catch {
        // not up yet
      }
      await sleep(250);
    }
    assert.equal(result.length, 1, `no series from Prometheus:\n${log}`);
    const stats = await (await fetch(`${stack.base}/api/stats`)).json();
    assert.equal(Number(result[0].value[1]), stats.ram_total_gib);
    assert.equal(result[0].metric.job, 'sysdash');
    assert.equal(result[0].metric.instance, `127.0.0.1:${stack.port}`);

    const up = await query('up{job="sysdash"}');
    assert.equal(up[0].value[1], '1');
    const thr = await query('sysdash_cpu_alert_threshold_percent');
    assert.equal(thr[0].value[1], '75');
    const health = await query('sysdash_health_status == 1');
    assert.equal(health.length, 1);
    assert.match(health[0].metric.status, /^(ok|warn|critical)$/);
    const comps = await query('sysdash_health_component_score');
    assert.deepEqual(comps.map((c) => c.metric.component).sort(), ['cpu', 'disk', 'ram']);
    const names = await query('count by (__name__) ({__name__=~"sysdash_.+"})');
    assert.ok(names.length >= 25, `${names.length} series names`);
  });
});
