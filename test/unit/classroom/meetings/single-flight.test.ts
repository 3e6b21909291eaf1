import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SingleFlight, singleFlightFor } from '../../../../src/classroom/meetings/single-flight.js';

describe('single flight', () => {
  it('runs the work once for concurrent callers with the same key, and again once it settled', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    let release!: (n: number) => void;
    const work = () => {
      runs++;
      return new Promise<number>((resolve) => (release = resolve));
    };
    const callers = Array.from({ length: 300 }, () => flight.run('room', work));
    assert.equal(runs, 1);
    release(7);
    assert.deepEqual(new Set(await Promise.all(callers)), new Set([7]));
    assert.equal(flight.size, 0);
    const again = flight.run('room', async () => (runs++, 8));
    assert.equal(await again, 8);
    assert.equal(runs, 2);
  });

  it('gives every waiter the same failure, and forgets it', async () => {
    const flight = new SingleFlight<number>();
    const failure = new Error('BBB down');
    let runs = 0;
    const callers = Array.from({ length: 5 }, () => flight.run('room', async () => (runs++, Promise.reject(failure))));
    const results = await Promise.allSettled(callers);
    assert.equal(runs, 1);
    assert.ok(results.every((r) => r.status === 'rejected' && r.reason === failure));
    assert.equal(await flight.run('room', async () => 1), 1);
  });

  it('keeps different keys and different owners apart', async () => {
    const owners = new WeakMap<object, SingleFlight<string>>();
    const a = {};
    const b = {};
    assert.equal(singleFlightFor(owners, a), singleFlightFor(owners, a));
    assert.notEqual(singleFlightFor(owners, a), singleFlightFor(owners, b));
    const flight = singleFlightFor(owners, a);
    let runs = 0;
    await Promise.all([flight.run('x', async () => (runs++, 'x')), flight.run('y', async () => (runs++, 'y'))]);
    assert.equal(runs, 2);
  });
});
