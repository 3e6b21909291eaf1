import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { statementsMatch } from '../../../src/lrs/statements/statement-compare.js';
import type { Statement } from '../../../src/lrs/xapi/xapi.types.js';

function received(): any {
  return {
    id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    actor: { name: 'Alice', mbox: 'mailto:Alice@Univ.Example' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { 'en-US': 'completed' } },
    object: { id: 'http://example.com/quiz', definition: { name: { 'en-US': 'Quiz' } } },
    result: { score: { scaled: 0.5 }, duration: 'PT1M2.1237S', extensions: { 'http://example.com/x': { a: 1, b: [1, 2] } } },
    context: {
      registration: 'EC531277-B57B-4C15-8D91-D292C5B2B8F7',
      team: { objectType: 'Group', member: [{ mbox: 'mailto:a@x.example' }, { mbox: 'mailto:b@x.example' }] },
      contextActivities: { parent: { id: 'http://example.com/course' } },
      language: 'en-US',
    },
    timestamp: '2024-03-01T11:15:30.123+01:00',
  };
}

const same = (a: unknown, b: unknown) => statementsMatch(a as Statement, b as Statement);
const changed = (change: (s: any) => void) => { const s = received(); change(s); return s; };

describe('statementsMatch (Data 2.3.1 comparison requirements)', () => {
  it('a statement matches itself and its stored form (LRS-set properties, serialization exceptions)', () => {
    const storedForm = {
      ...changed((s) => {
        s.id = s.id.toUpperCase();
        s.actor = { objectType: 'Agent', mbox: 'mailto:Alice@univ.example', name: 'Alice' }; // domain case, objectType default, key order
        s.verb.display = { fr: 'a terminé' }; // Verb display is not part of the statement
        s.object = { objectType: 'Activity', id: 'http://example.com/quiz' }; // nor the Activity definition
        s.result.duration = 'PT1M2.12S'; // precision past 0.01 s is ignored
        s.context.registration = s.context.registration.toLowerCase();
        s.context.team.member.reverse(); // members are unordered
        s.context.contextActivities.parent = [s.context.contextActivities.parent]; // single → array
        s.context.language = 'en-us';
        s.timestamp = '2024-03-01T10:15:30.123Z';
      }),
      stored: '2024-03-01T10:15:31.000Z',
      authority: { mbox: 'mailto:lrs@x.example' },
      version: '1.0.0',
      attachments: [{ usageType: 'http://adlnet.gov/expapi/attachments/signature' }],
    };
    assert.ok(same(received(), received()));
    assert.ok(same(storedForm, received()));
    assert.ok(same(received(), storedForm));
  });

  it('a statement without the properties the LRS assigns matches its stored form', () => {
    const bare = changed((s) => { delete s.id; delete s.timestamp; });
    assert.ok(same({ ...received(), timestamp: '2030-01-01T00:00:00Z', stored: '2030-01-01T00:00:00Z' }, bare));
  });

  it('any other difference is a mismatch', () => {
    const mismatches: ((s: any) => void)[] = [
      (s) => { s.id = '4b0d7bf5-3e2a-4d4a-8d43-5d9b2a6c1f00'; },
      (s) => { s.actor.name = 'Alicia'; },
      (s) => { s.actor.mbox = 'mailto:alice@univ.example'; }, // the local part is case-sensitive
      (s) => { s.verb.id = 'http://adlnet.gov/expapi/verbs/passed'; },
      (s) => { s.object.id = 'http://example.com/other'; },
      (s) => { s.result.score.scaled = 0.6; },
      (s) => { s.result.duration = 'PT1M2.13S'; },
      (s) => { s.result.extensions['http://example.com/x'].b = [2, 1]; },
      (s) => { delete s.result; },
      (s) => { s.context.registration = 'ec531277-b57b-4c15-8d91-d292c5b2b8f8'; },
      (s) => { s.context.team.member.pop(); },
      (s) => { s.context.contextActivities.grouping = [{ id: 'http://example.com/g' }]; },
    ];
    for (const change of mismatches) assert.ok(!same(received(), changed(change)), change.toString());
  });

  it('compares SubStatements, their timestamps as instants', () => {
    const sub = (ts: string) => changed((s) => {
      s.object = { objectType: 'SubStatement', actor: { mbox: 'mailto:a@x.example' }, verb: { id: 'http://example.com/v' }, object: { id: 'http://example.com/a' }, timestamp: ts };
    });
    assert.ok(same(sub('2030-01-01T01:00:00+01:00'), sub('2030-01-01T00:00:00Z')));
    assert.ok(!same(sub('2030-01-01T01:00:00Z'), sub('2030-01-01T00:00:00Z')));
  });

  it('never throws on payloads shaped unlike a statement', () => {
    for (const junk of [null, 42, 'x', [], { actor: 'x', object: [1], context: { contextActivities: 3, contextAgents: [null] } }]) {
      assert.equal(typeof same(junk, received()), 'boolean');
    }
    assert.ok(!same(null, received()));
  });
});
