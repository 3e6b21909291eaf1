import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KnownDefinitions } from '../../../../src/lrs/activities/known-definitions.js';

const A = 'https://moodle.example/mod/page/view.php?id=1';
const name = (en: string) => ({ name: { en } });

describe('definitions this process has written', () => {
  it('skips a definition written before, not another one, not one of another platform', () => {
    const known = new KnownDefinitions();
    const first = known.unknown('p1', [{ id: A, definition: name('Week 1') }], true);
    assert.equal(first.length, 1);
    known.remember('p1', first);
    assert.deepEqual(known.unknown('p1', [{ id: A, definition: name('Week 1') }], true), []);
    assert.equal(known.unknown('p1', [{ id: A, definition: name('Week 1 (v2)') }], true).length, 1);
    assert.equal(known.unknown('p2', [{ id: A, definition: name('Week 1') }], true).length, 1);
  });

  it('knows nothing of what it was asked but never told was stored (a rolled-back batch)', () => {
    const known = new KnownDefinitions();
    known.unknown('p1', [{ id: A, definition: name('Week 1') }], true);
    assert.equal(known.unknown('p1', [{ id: A, definition: name('Week 1') }], true).length, 1);
  });

  it('an insert-only write makes the Activity known to insert-only clients, never a definition to definers', () => {
    const known = new KnownDefinitions();
    known.remember('p1', known.unknown('p1', [{ id: A, definition: name('From a plugin') }], false));
    assert.deepEqual(known.unknown('p1', [{ id: A, definition: name('Anything') }], false), []);
    assert.equal(known.unknown('p1', [{ id: A, definition: name('From a plugin') }], true).length, 1, 'the stored definition may be another one');
  });
});
