import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classroomStatement, type MeetingStatementEnv } from '../../../../src/classroom/attendance/classroom-statements.service.js';
import { occurrenceOf, settingsOf } from '../../../../src/classroom/attendance/session-facts.js';
import type { ClassroomMeetingRow } from '../../../../src/classroom/classroom.table.js';
import { validateStatements } from '../../../../src/lrs/statements/validation/statement.validate.js';

const meeting = { id: '0b7f3c52-8d4e-4a71-9c1f-2e3d4c5b6a70', platform_id: 'p1', resource_id: 'r1' } as ClassroomMeetingRow;
const env = (identity: 'pseudonymous' | 'email', plannedSeconds: number | null): MeetingStatementEnv => ({
  meeting,
  platform: { issuer: 'https://moodle.example.edu', lrsIdentity: identity, name: 'Moodle' },
  publicUrl: 'https://amphi.example.edu',
  resource: { id: 'r1', title: 'TD 1', contextId: 'c1', courseTitle: 'Statistique' },
  plannedSeconds,
});
const user = { id: 'u1', sub: 'learner-1', name: 'Ada Lovelace', email: 'ada@example.edu' };
const at = new Date('2026-11-20T09:05:00.000Z');

describe('classroom xAPI statements (virtual classroom profile)', () => {
  it('builds statements the LRS accepts, with the profile’s category, registration, session id and planned duration', () => {
    const built = [classroomStatement(env('pseudonymous', 5400), user, 'joined', at), classroomStatement(env('pseudonymous', 5400), user, 'terminated', at, { duration: 'PT1H' })];
    const [joined, terminated] = validateStatements(built, { version: '1.0.3' });
    assert.equal(joined!.verb.id, 'http://activitystrea.ms/join');
    assert.deepEqual(joined!.actor, { objectType: 'Agent', account: { homePage: 'https://moodle.example.edu', name: 'learner-1' } });
    assert.equal(joined!.context!.registration, meeting.id);
    assert.deepEqual(joined!.context!.extensions, {
      'https://w3id.org/xapi/cmi5/context/extensions/sessionid': meeting.id,
      'http://id.tincanapi.com/extension/planned-duration': 'PT1H30M',
    });
    assert.equal(joined!.context!.contextActivities!.category![0]!.id, 'https://w3id.org/xapi/virtual-classroom');
    assert.equal(joined!.context!.contextActivities!.parent![0]!.id, 'https://amphi.example.edu/xapi/activities/courses/c1');
    assert.equal(joined!.timestamp, at.toISOString());
    assert.equal(terminated!.result!.duration, 'PT1H');
  });

  it('names the person by email when the platform says so, and leaves planned duration off `left` and unscheduled sessions', () => {
    const left = classroomStatement(env('email', 5400), user, 'left', at);
    assert.deepEqual(left.actor, { objectType: 'Agent', mbox: 'mailto:ada@example.edu', name: 'Ada Lovelace' });
    assert.equal(left.context!.extensions!['http://id.tincanapi.com/extension/planned-duration'], undefined);
    assert.equal(classroomStatement(env('pseudonymous', null), user, 'joined', at).context!.extensions!['http://id.tincanapi.com/extension/planned-duration'], undefined);
  });

  it('gives one id per session verb, one per join time', () => {
    const e = env('pseudonymous', null);
    assert.equal(classroomStatement(e, user, 'initialized', at).id, classroomStatement(e, user, 'initialized', new Date()).id);
    assert.notEqual(classroomStatement(e, user, 'joined', at).id, classroomStatement(e, user, 'joined', new Date(at.getTime() + 1000)).id);
  });
});

describe('the scheduled session of a meeting', () => {
  const settings = settingsOf({
    settings: { timeZone: 'Europe/Paris', sessions: [{ kind: 'once', id: 's1', title: 'Révisions', date: '2026-11-20', startTime: '10:00', durationMinutes: 90 }] },
  });

  it('is found by its start (wall clock in the classroom’s zone), with its title', () => {
    const found = occurrenceOf(settings, new Date('2026-11-20T09:00:00.000Z'));
    assert.equal(found?.title, 'Révisions');
    assert.equal(found!.end.getTime() - found!.start.getTime(), 90 * 60_000);
    assert.equal(occurrenceOf(settings, new Date('2026-11-20T09:30:00.000Z')), null);
    assert.equal(occurrenceOf(settings, null), null);
    assert.equal(settingsOf({ settings: { sessions: 'nonsense' } }), null);
  });
});
