import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FetchSlots, FetchSlotsBusyError } from '../../../src/roster/roster-fetch-slots.js';

/** A task that runs until released, recording when it started. */
function heldTask(log: string[], name: string): { task: () => Promise<string>; release: () => void; fail: () => void } {
  let release!: () => void;
  let fail!: () => void;
  const done = new Promise<string>((resolve, reject) => {
    release = () => resolve(name);
    fail = () => reject(new Error(`${name} failed`));
  });
  return { task: () => (log.push(name), done), release, fail };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('roster fetch slots', () => {
  it('gives a freed slot to the first waiter whose platform is under its share, even after its own task failed', async () => {
    const slots = new FetchSlots({ total: 2, perPlatform: 1, waitingPerPlatform: 5 });
    const log: string[] = [];
    const [a1, a2, b1, c1] = ['a1', 'a2', 'b1', 'c1'].map((n) => heldTask(log, n)) as [ReturnType<typeof heldTask>, ReturnType<typeof heldTask>, ReturnType<typeof heldTask>, ReturnType<typeof heldTask>];
    const runs = [slots.run('a', a1.task), slots.run('a', a2.task), slots.run('b', b1.task), slots.run('c', c1.task)];
    await settle();
    assert.deepEqual(log, ['a1', 'b1'], 'a2 waits for platform a, c1 for a slot');
    b1.fail();
    await assert.rejects(runs[2]!, /b1 failed/);
    await settle();
    assert.deepEqual(log, ['a1', 'b1', 'c1'], 'a2 came first but platform a is at its share: c1 takes the slot');
    a1.release();
    await settle();
    assert.deepEqual(log, ['a1', 'b1', 'c1', 'a2']);
    a2.release();
    c1.release();
    assert.deepEqual(await Promise.all([runs[0], runs[1], runs[3]]), ['a1', 'a2', 'c1']);
  });

  it('refuses at once past the waiting line of one platform, not of another', async () => {
    const slots = new FetchSlots({ total: 1, perPlatform: 1, waitingPerPlatform: 1 });
    const log: string[] = [];
    const first = heldTask(log, 'a1');
    const running = slots.run('a', first.task);
    const waiting = slots.run('a', async () => 'a2');
    await assert.rejects(slots.run('a', async () => 'a3'), FetchSlotsBusyError);
    const other = slots.run('b', async () => 'b1');
    first.release();
    assert.deepEqual(await Promise.all([running, waiting, other]), ['a1', 'a2', 'b1']);
  });
});
