// The 300 learners' browsers for bench/classroom/join.bench.ts, in a worker thread of their own so
// that their HTTP work does not run on the app's thread: each POSTs /join at its moment of the
// window and times it until the answer (with the join URL) is read.
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

const { url, tokens, windowMs } = workerData;
const start = performance.now();
const results = await Promise.all(
  tokens.map(async (token, i) => {
    const wait = start + (windowMs * i) / tokens.length - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    const res = await fetch(url, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const body = await res.json();
    return { ms: performance.now() - sent, sentAt: sent - start, body };
  }),
);
parentPort.postMessage(results);
