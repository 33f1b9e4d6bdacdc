// idle.test.mjs: a stack nobody looks at costs nothing (issue 13, item 4).
// The stats and status workers stop sampling after LIVE_IDLE_MS (10 s,
// cgi/live.h) without a request: none of their threads runs at all
// (/proc/PID/task/TID/schedstat's run count stays put); the first request
// after that gets a fresh sample (not the one from before the idle time),
// and sampling resumes while requests come. Figures (CPU share, wait of the
// first request) are scripts/bench-idle's, in docs/BENCHMARKS.md.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { startStack } from '../lib/stack.mjs';

const LIVE_IDLE_MS = 10000;

/** {tid: [ns on CPU, times run]} for every thread of pids. */
function schedstat(pids) {
  const out = {};
  for (const pid of pids) {
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const [ns, , runs] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').trim().split(' ');
      out[`${pid}/${tid}`] = [Number(ns), Number(runs)];
    }
  }
  return out;
}

describe('an idle stack', () => {
  let stack;
  let workers;
  before(async () => {
    stack = await startStack({ env: { SYSDASH_SAMPLER: '0' } });
    workers = [...stack.workerPids('stats.fcgi'), ...stack.workerPids('status.fcgi')];
    assert.equal(workers.length, 4, 'two stats and two status workers');
  });
  after(() => stack?.stop());

  it('workers sample every 500 ms while requested, then park: no thread runs', async () => {
    const busy0 = schedstat(workers);
    await sleep(1200);
    const busy1 = schedstat(workers);
    const ran = Object.keys(busy0).filter((t) => busy1[t][1] > busy0[t][1]);
    assert.ok(ran.length >= 4, `refreshers ran right after start: ${ran.length} threads`);

    await sleep(LIVE_IDLE_MS + 1000);
    const s0 = schedstat(workers);
    await sleep(2000);
    const s1 = schedstat(workers);
    const woke = Object.keys(s0).filter((t) => s1[t][1] !== s0[t][1])
      .map((t) => `${t}: ${s1[t][1] - s0[t][1]} runs, ${(s1[t][0] - s0[t][0]) / 1e3} µs`);
    assert.deepEqual(woke, [], 'threads of idle workers ran');
  });

  it('the first request after the idle time gets a fresh sample; sampling resumes', async () => {
    for (const path of ['/api/stats', '/api/status', '/metrics']) {
      const t0 = Date.now();
      const r = await fetch(`${stack.base}${path}`);
      assert.equal(r.status, 200);
      const body = await r.text();
      const ts = path === '/metrics'
        ? Number(body.match(/^sysdash_sample_timestamp_seconds (\S+)$/m)[1]) * 1000
        : Date.parse(JSON.parse(body).timestamp);
      // the sample was taken after the request came (its 250 ms window
      // ended then), not left from before the idle time
      assert.ok(ts >= t0 - 50, `${path}: sample ${t0 - ts} ms older than the request`);
    }
    const a = await (await fetch(`${stack.base}/api/stats`)).json();
    await sleep(1100);
    const b = await (await fetch(`${stack.base}/api/stats`)).json();
    assert.notEqual(a.timestamp, b.timestamp, 'a new sample a second later');
    const age = Date.now() - Date.parse(b.timestamp);
    assert.ok(age < 1000, `sample ${age} ms old while requested`);
  });
});
