/** The statement queue: batches, retries, storage, and the beacon on page hide (tool/src/video/xapi). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatementQueue, type StorageLike } from '../../../../tool/src/video/xapi/statement-queue.js';
import type { VideoStatement } from '../../../../tool/src/video/xapi/video-profile.js';

class MemoryStorage implements StorageLike {
  readonly items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

const blocked: StorageLike = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('SecurityError');
  },
  removeItem: () => {
    throw new Error('SecurityError');
  },
};

const st = (id: string) => ({ id, verb: { id: 'v', display: { 'en-US': 'played' } } }) as unknown as VideoStatement;

/** A queue whose timers are collected, to be run by hand. */
function queue(overrides: { storage?: StorageLike | null; send?: (url: string, s: VideoStatement[]) => Promise<unknown>; beacon?: (url: string, b: Blob) => boolean }) {
  const timers: { run: () => void; ms: number }[] = [];
  const sent: string[][] = [];
  const q = new StatementQueue({
    url: '/api/videos/r1/statements',
    storageKey: 'k',
    storage: overrides.storage === undefined ? new MemoryStorage() : overrides.storage,
    token: () => 'tok',
    send:
      overrides.send ??
      (async (_url, s) => {
        sent.push(s.map((x) => x.id));
        return { stored: s.length };
      }),
    beacon: overrides.beacon,
    setTimer: (run, ms) => timers.push({ run, ms }),
    clearTimer: () => undefined,
  });
  return { q, timers, sent };
}

describe('statement queue', () => {
  it('sends pushed statements in one batch and forgets them once acknowledged', async () => {
    const storage = new MemoryStorage();
    const { q, sent, timers } = queue({ storage });
    q.push(st('a'));
    q.push(st('b'));
    assert.ok(storage.getItem('k'), 'kept until sent');
    assert.ok(timers.length > 0);
    await q.flush();
    assert.deepEqual(sent, [['a', 'b']]);
    assert.equal(q.size, 0);
    assert.equal(storage.getItem('k'), null);
  });

  it('keeps failed statements, retries with growing delays, and a next load sends them', async () => {
    const storage = new MemoryStorage();
    const failing = queue({ storage, send: () => Promise.reject(Object.assign(new Error('down'), { status: 0 })) });
    failing.q.push(st('a'));
    await failing.q.flush();
    await failing.q.flush();
    const delays = failing.timers.map((t) => t.ms).slice(-2);
    assert.ok(delays[1]! > delays[0]!, `backoff grows: ${delays}`);
    assert.equal(failing.q.size, 1);
    failing.q.stop();

    const next = queue({ storage });
    assert.equal(next.q.size, 1, 'restored from storage');
    await next.q.flush();
    assert.deepEqual(next.sent, [['a']]);
    assert.equal(storage.getItem('k'), null);
  });

  it('drops statements the server refuses for good (400), keeps them on 401', async () => {
    const refused = queue({ send: () => Promise.reject(Object.assign(new Error('bad'), { status: 400 })) });
    refused.q.push(st('a'));
    await refused.q.flush();
    assert.equal(refused.q.size, 0);
    const expired = queue({ send: () => Promise.reject(Object.assign(new Error('expired'), { status: 401 })) });
    expired.q.push(st('a'));
    await expired.q.flush();
    assert.equal(expired.q.size, 1);
  });

  it('drops only the statements a refusal lists, and sends the rest of the batch again', async () => {
    // As ApiError carries a problem+json's issues (the server lists every refused statement of the batch).
    const calls: string[][] = [];
    const { q, timers } = queue({
      send: async (_url, batch) => {
        calls.push(batch.map((s) => s.id));
        if (calls.length > 1) return { stored: batch.length };
        throw Object.assign(new Error('refused'), {
          status: 400,
          issues: [{ path: 'body.statements.1', message: 'past the end' }, { path: 'body.statements.3', message: 'past the end' }, { path: 'body.statements.9', message: 'not in the batch' }],
        });
      },
    });
    for (const id of ['a', 'b', 'c', 'd', 'e']) q.push(st(id));
    await q.flush();
    assert.equal(q.size, 3, 'the others are kept');
    assert.equal(timers.at(-1)?.ms, 0, 'and sent again at once');
    await q.flush();
    assert.deepEqual(calls, [['a', 'b', 'c', 'd', 'e'], ['a', 'c', 'e']]);
    assert.equal(q.size, 0);
  });

  it('on page hide, hands the rest to sendBeacon as text/plain { token, statements }', async () => {
    const beacons: { url: string; body: Blob }[] = [];
    const storage = new MemoryStorage();
    const { q, sent } = queue({ storage, beacon: (url, body) => (beacons.push({ url, body }), true) });
    for (let i = 0; i < 30; i++) q.push(st(`s${i}`));
    q.flushWithBeacon();
    assert.deepEqual(sent, [], 'no fetch');
    assert.equal(beacons.length, 2, 'long queues go in parts');
    assert.equal(beacons[0]?.url, '/api/videos/r1/statements');
    assert.equal(beacons[0]?.body.type, 'text/plain');
    const body = JSON.parse(await beacons[0]!.body.text()) as { token: string; statements: { id: string }[] };
    assert.equal(body.token, 'tok');
    assert.equal(body.statements.length, 25);
    assert.equal(body.statements[0]?.id, 's0');
    assert.equal(q.size, 0);
    assert.equal(storage.getItem('k'), null);
  });

  it('keeps what a refused beacon could not take for the next load', () => {
    const storage = new MemoryStorage();
    const { q } = queue({ storage, beacon: () => false });
    q.push(st('a'));
    q.flushWithBeacon();
    assert.equal(q.size, 1);
    assert.equal(JSON.parse(storage.getItem('k')!)[0].id, 'a');
  });

  it('works when storage is blocked or missing', async () => {
    for (const storage of [blocked, null]) {
      const { q, sent } = queue({ storage });
      q.push(st('a'));
      await q.flush();
      assert.deepEqual(sent, [['a']]);
    }
  });
});
