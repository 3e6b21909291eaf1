import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeRoster, rosterRole, type LaunchMemberRecord, type NrpsMemberRecord } from '../../../src/roster/roster-member.js';
import { isStale } from '../../../src/roster/roster.service.js';

const V = 'http://purl.imsglobal.org/vocab/lis/v2/';

describe('roster roles', () => {
  const cases: [string[], string][] = [
    [[`${V}membership#Learner`], 'learner'],
    [['Learner'], 'learner'],
    [[`${V}membership/Learner#GuestLearner`], 'learner'],
    [[`${V}membership#Instructor`], 'instructor'],
    [[`${V}membership/Instructor#TeachingAssistant`], 'instructor'],
    [[`${V}membership#ContentDeveloper`, `${V}membership#Learner`], 'instructor'],
    [[`${V}membership#Mentor`], 'other'],
    [[], 'other'],
    // System and institution roles say nothing about this course.
    [[`${V}system/person#Administrator`], 'other'],
    [[`${V}institution/person#Student`], 'other'],
    [[`${V}institution/person#Administrator`, `${V}membership#Learner`], 'learner'],
  ];
  for (const [roles, expected] of cases) {
    it(`${roles.join(' + ') || '(no role)'} → ${expected}`, () => assert.equal(rosterRole(roles), expected));
  }
});

function nrps(sub: string, fields: Partial<NrpsMemberRecord> = {}): NrpsMemberRecord {
  return {
    user_sub: sub,
    user_id: null,
    name: null,
    given_name: null,
    family_name: null,
    email: null,
    roles: [`${V}membership#Learner`],
    status: 'Active',
    launch_name: null,
    launch_given_name: null,
    launch_family_name: null,
    launch_email: null,
    ...fields,
  };
}

function launch(sub: string, fields: Partial<LaunchMemberRecord> = {}): LaunchMemberRecord {
  return { user_id: `u-${sub}`, sub, name: null, given_name: null, family_name: null, email: null, role: 'learner', ...fields };
}

describe('roster merge', () => {
  it('adds people who launched without being in the NRPS roster, once, as source launch', () => {
    const members = mergeRoster(
      [nrps('1', { family_name: 'Bernard', user_id: 'u-1' }), nrps('2', { family_name: 'Adam' })],
      [launch('1', { family_name: 'Bernard' }), launch('3', { family_name: 'Chevalier', role: 'admin' })],
    );
    assert.deepEqual(
      members.map((m) => [m.userSub, m.userId, m.source, m.role]),
      [
        ['2', null, 'nrps', 'learner'],
        ['1', 'u-1', 'nrps', 'learner'],
        ['3', 'u-3', 'launch', 'instructor'],
      ],
    );
  });

  it('uses the names of the person’s own launches when NRPS leaves them out', () => {
    const [member] = mergeRoster([nrps('1', { launch_name: 'Inès Martin', launch_family_name: 'Martin', email: 'nrps@example.edu', launch_email: 'launch@example.edu' })], []);
    assert.equal(member!.name, 'Inès Martin');
    assert.equal(member!.familyName, 'Martin');
    assert.equal(member!.email, 'nrps@example.edu');
  });

  it('sorts by family name, accents and case aside, then given name; nameless members last', () => {
    const members = mergeRoster(
      [
        nrps('a', { family_name: 'Zola', given_name: 'Émile' }),
        nrps('b', { family_name: 'élie', given_name: 'Paul' }),
        nrps('c'),
        nrps('d', { family_name: 'Elie', given_name: 'Anne' }),
        nrps('e', { name: 'Dupont' }),
      ],
      [],
    );
    assert.deepEqual(members.map((m) => m.userSub), ['e', 'd', 'b', 'a', 'c']);
  });
});

describe('roster staleness', () => {
  const url = 'https://moodle.example/memberships';
  const now = new Date('2025-01-01T12:00:00Z');
  const ago = (s: number) => new Date(now.getTime() - s * 1000);
  const ok = (fetchedSecondsAgo: number) => ({ status: 'ok' as const, memberships_url: url, fetched_at: ago(fetchedSecondsAgo), attempted_at: ago(fetchedSecondsAgo) });

  it('is stale when never fetched, past its maximum age, or fetched from another URL', () => {
    assert.equal(isStale(undefined, url, 3600, now), true);
    assert.equal(isStale(ok(10), url, 3600, now), false);
    assert.equal(isStale(ok(3600), url, 3600, now), true);
    assert.equal(isStale(ok(10), 'https://moodle.example/other', 3600, now), true);
    assert.equal(isStale(ok(0), url, 0, now), true);
  });

  it('does not ask a failing platform again for a minute, then does', () => {
    const failed = (attemptedSecondsAgo: number) => ({ ...ok(7200), status: 'failed' as const, attempted_at: ago(attemptedSecondsAgo) });
    assert.equal(isStale(failed(30), url, 3600, now), false);
    assert.equal(isStale(failed(61), url, 3600, now), true);
    assert.equal(isStale({ ...failed(61), fetched_at: null }, url, 3600, now), true);
    assert.equal(isStale(failed(30), url, 10, now), true, 'never longer than the maximum age');
  });
});
