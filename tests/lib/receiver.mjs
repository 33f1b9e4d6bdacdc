// receiver.mjs: a tiny webhook receiver on 127.0.0.1 for the webhook tests
// (not a test file itself). It records every request (method, path,
// headers, raw body bytes, arrival time) and answers from a script:
//
//   const r = await startReceiver({ script: [500, 200] });   // 500, then 200
//   const r = await startReceiver({ script: [{ status: 200, delayMs: 10000 }] });
//   const r = await startReceiver({ respond: (req, i) => ({ status: 404 }) });
//   await r.waitRequests(2);  r.requests[1].json;  await r.close();
//
// The last entry of a script repeats. A response is { status, delayMs,
// body, headers }; a bare number is a status. close() also drops requests
// still waiting out a delay, so a test never hangs on its receiver.
import http from 'node:http';

const DECODER = new TextDecoder('utf-8', { fatal: true });

function normalise(r) {
  if (typeof r === 'number') return { status: r };
  return { status: 200, ...r };
}

export async function startReceiver(opts = {}) {
  const script = (opts.script ?? [200]).map(normalise);
  const respond = opts.respond ?? ((req, i) => script[Math.min(i, script.length - 1)]);
  const requests = [];
  const sockets = new Set();
  const timers = new Set();
  const waiters = [];

  const wake = () => {
    for (const w of waiters.slice()) {
      if (w.test()) { waiters.splice(waiters.indexOf(w), 1); w.resolve(); }
    }
  };

  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const rec = {
        index: requests.length,
        method: req.method,
        path: req.url,
        headers: req.headers,
        raw,
        at: Date.now(),
        utf8: null,   // the body as text, or null when it is not valid UTF-8
        json: null,   // the parsed body, or null when it does not parse
        jsonError: null,
      };
      try { rec.utf8 = DECODER.decode(raw); } catch { rec.utf8 = null; }
      try { rec.json = JSON.parse(rec.utf8 ?? raw.toString('latin1')); } catch (e) { rec.jsonError = e.message; }
      requests.push(rec);
      const r = normalise(respond(rec, rec.index));
      const answer = () => {
        if (res.destroyed) return;
        res.writeHead(r.status, { 'Content-Type': 'text/plain', ...(r.headers ?? {}) });
        res.end(r.body ?? (r.status < 300 ? 'ok' : 'error'));
      };
      if (r.delayMs) {
        const t = setTimeout(() => { timers.delete(t); answer(); }, r.delayMs);
        timers.add(t);
      } else {
        answer();
      }
      wake();
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  // keep-alive sockets must not hold close() up
  server.keepAliveTimeout = 1000;
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address();

  const until = (test, ms, what) => new Promise((resolve, reject) => {
    if (test()) { resolve(); return; }
    const w = {
      test,
      resolve: () => { clearTimeout(t); resolve(); },
      reject: (e) => { clearTimeout(t); reject(e); },
    };
    const t = setTimeout(() => {
      waiters.splice(waiters.indexOf(w), 1);
      reject(new Error(`receiver: timeout waiting for ${what}; got ${requests.length} request(s): ` +
        JSON.stringify(requests.map((q) => q.json ?? q.utf8))));
    }, ms);
    waiters.push(w);
  });

  return {
    port,
    url: (p = '/') => `http://127.0.0.1:${port}${p}`,
    requests,
    /** Resolves once n requests have arrived (bodies complete). */
    waitRequests: (n, ms = 10000) => until(() => requests.length >= n, ms, `${n} request(s)`),
    /** Stops listening and drops every connection, answered or not. */
    close: () => new Promise((resolve) => {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of waiters.splice(0)) w.reject(new Error('receiver closed while waiting'));
      server.close(() => resolve());
      for (const s of sockets) s.destroy();
    }),
  };
}
