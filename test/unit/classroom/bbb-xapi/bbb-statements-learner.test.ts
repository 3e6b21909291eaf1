import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { joinedName } from '../../../../src/analytics/rollup/bbb-sessions.repository.js';
import { learnerOf } from '../../../../src/analytics/rollup/statement-facts.js';
import { participantName } from '../../../../src/classroom/meetings/meeting-params.js';

const ISSUER = 'https://moodle.univ.example';
const BBB = 'https://bbb.univ.example';

/** Who BigBlueButton's own statements are about: bbb-webhooks names people by the display name Amphi joined them with. */
describe('BigBlueButton xAPI actors', () => {
  it('are the session`s attendee of that name, and nobody when the name is unknown or shared', () => {
    const names = new Map<string, string | null>([['Ada Lovelace', 'learner-1'], ['Jean Martin', null]]);
    assert.equal(learnerOf(`account:${BBB}|Ada Lovelace`, { issuer: ISSUER }, true, names), 'sub:learner-1');
    assert.equal(learnerOf(`account:${BBB}|Jean Martin`, { issuer: ISSUER }, true, names), null, 'two attendees of that name');
    assert.equal(learnerOf(`account:${BBB}|Mallory`, { issuer: ISSUER }, true, names), null, 'not an attendee');
    assert.equal(learnerOf(`account:${ISSUER}|learner-2`, { issuer: ISSUER }, true, names), 'sub:learner-2', 'the platform`s own accounts are still subs');
    assert.equal(learnerOf(`account:${BBB}|learner-3`, { issuer: ISSUER }, true), 'sub:learner-3', 'an Amphi session id keeps its old reading');
  });

  it('computes the joined name as the join does', () => {
    for (const u of [
      { name: 'Ada Lovelace', given_name: null, family_name: null },
      { name: ' ', given_name: 'Ada', family_name: 'Lovelace' },
      { name: null, given_name: null, family_name: null },
      { name: 'A', given_name: 'Ada', family_name: null },
    ]) {
      assert.equal(joinedName(u), participantName({ name: u.name ?? undefined, givenName: u.given_name ?? undefined, familyName: u.family_name ?? undefined } as Parameters<typeof participantName>[0]), JSON.stringify(u));
    }
  });
});
