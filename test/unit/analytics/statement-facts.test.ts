import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { collectKeys, dayOf, factOf, learnerOf, type FactLookups, type StatementFields } from '../../../src/analytics/rollup/statement-facts.js';
import { actionOf } from '../../../src/analytics/rollup/verb-actions.js';

const AMPHI = 'https://amphi.univ.example';
const MOODLE = 'https://moodle.univ.example';
const BBB = 'https://bbb.univ.example';
const lookups: FactLookups = {
  issuer: MOODLE,
  publicUrl: AMPHI,
  resources: new Map([['vid-1', 'ctx-1']]),
  meetings: new Map([['6f1c0f7e-7d0e-4b6a-9a55-0e1f3b2d4c5a', { resourceId: 'class-1', contextId: 'ctx-1' }]]),
  contextRowIds: new Set(['ctx-1']),
  contextsByLtiId: new Map([['42', 'ctx-1']]),
};
const base: StatementFields = {
  actorKey: `account:${MOODLE}|17`, actorIsGroup: false, verbId: 'http://adlnet.gov/expapi/verbs/launched', activityId: null, activityType: null,
  registration: null, contextActivityIds: [], timestamp: '2026-10-05T09:00:00Z', stored: new Date('2026-10-05T09:00:01Z'),
};

describe('statement facts', () => {
  it('places Amphi’s own statements on their resource and course, under the LTI sub', () => {
    const launched = factOf({ ...base, activityId: `${AMPHI}/xapi/activities/resources/vid-1` }, lookups);
    assert.deepEqual(launched, { contextId: 'ctx-1', day: '2026-10-05', learner: 'sub:17', objectId: 'vid-1', action: 'opened' });
    const viewing = factOf({ ...base, verbId: 'http://adlnet.gov/expapi/verbs/initialized', activityId: `${AMPHI}/xapi/activities/resources/vid-1`, activityType: 'https://w3id.org/xapi/video/activity-type/video' }, lookups);
    assert.equal(viewing?.action, 'viewed', 'a video player session is a view');
    assert.equal(factOf({ ...base, activityId: `${AMPHI}/xapi/activities/resources/other-platform-resource` }, lookups), null, 'a resource this platform does not own places nothing');
  });

  it('places Moodle’s logstore_xapi statements in the course their parent names, on the Moodle activity', () => {
    const quiz = `${MOODLE}/mod/quiz/view.php?id=7`;
    const fact = factOf({ ...base, verbId: 'http://id.tincanapi.com/verb/viewed', activityId: quiz, contextActivityIds: [`${MOODLE}/course/view.php?id=42`, MOODLE] }, lookups);
    assert.deepEqual(fact, { contextId: 'ctx-1', day: '2026-10-05', learner: 'sub:17', objectId: quiz, action: 'viewed' });
    const courseViewed = factOf({ ...base, verbId: 'http://id.tincanapi.com/verb/viewed', activityId: `${MOODLE}/course/view.php?id=42` }, lookups);
    assert.equal(courseViewed?.contextId, 'ctx-1');
    assert.equal(factOf({ ...base, activityId: quiz, contextActivityIds: [`${MOODLE}/course/view.php?id=99`] }, lookups), null, 'a course Amphi never saw');
    const attempt = `${MOODLE}/mod/quiz/attempt.php?attempt=10042&cmid=7`;
    const answered = factOf({ ...base, verbId: 'http://adlnet.gov/expapi/verbs/completed', activityId: attempt, contextActivityIds: [attempt, quiz, `${MOODLE}/course/view.php?id=42`] }, lookups);
    assert.equal(answered?.objectId, quiz, 'an attempt counts on its quiz');
  });

  it('places BigBlueButton’s webhook statements on the classroom of their session, its server’s accounts as subs', () => {
    const join = factOf({ ...base, actorKey: `account:${BBB}|17`, verbId: 'http://activitystrea.ms/join', activityId: `${BBB}/xapi/activities/abc`, registration: '6f1c0f7e-7d0e-4b6a-9a55-0e1f3b2d4c5a' }, lookups);
    assert.deepEqual(join, { contextId: 'ctx-1', day: '2026-10-05', learner: 'sub:17', objectId: 'class-1', action: 'joined' });
    const both = ['https://w3id.org/xapi/virtual-classroom/verbs/reacted', 'https://w3id.org/xapi/virtual-classroom/verbs/raised-hand'].map((v) => actionOf(v, undefined));
    assert.deepEqual(both, ['reacted', 'reacted'], 'both verb sets');
    assert.equal(learnerOf(`account:${BBB}|17`, lookups, false), `account:${BBB}|17`, 'outside an Amphi session, a BBB account is nobody known');
  });

  it('keeps other actors as their agent key (matched by email when read), and no group', () => {
    assert.equal(learnerOf('mbox:mailto:ines@example.edu', lookups, false), 'mbox:mailto:ines@example.edu');
    assert.equal(learnerOf(`account:${MOODLE}/|17`, lookups, false), 'sub:17', 'the issuer with a trailing slash is the same site');
    assert.equal(learnerOf('account:https://elsewhere.example|17', lookups, false), 'account:https://elsewhere.example|17');
    assert.equal(factOf({ ...base, actorIsGroup: true, activityId: `${AMPHI}/xapi/activities/resources/vid-1` }, lookups), null);
  });

  it('counts pauses and seeks as activity only, and unknown verbs too', () => {
    const paused = factOf({ ...base, verbId: 'https://w3id.org/xapi/video/verbs/paused', activityId: `${AMPHI}/xapi/activities/resources/vid-1` }, lookups);
    assert.equal(paused?.action, null);
    assert.equal(actionOf('https://example.org/verbs/frobbed', undefined), null);
  });

  it('dates a statement by its timestamp, unless it claims a time more than a day after it was stored', () => {
    assert.equal(dayOf({ timestamp: '2026-10-04T23:30:00+02:00', stored: new Date('2026-10-05T10:00:00Z') }), '2026-10-04');
    assert.equal(dayOf({ timestamp: '2027-01-01T00:00:00Z', stored: new Date('2026-10-05T10:00:00Z') }), '2026-10-05');
    assert.equal(dayOf({ timestamp: null, stored: new Date('2026-10-05T10:00:00Z') }), '2026-10-05');
  });

  it('collects the ids a batch must look up', () => {
    const keys = collectKeys([{ ...base, activityId: `${AMPHI}/xapi/activities/resources/vid-1`, registration: 'r-1', contextActivityIds: [`${AMPHI}/xapi/activities/courses/ctx-1`, `${MOODLE}/course/view.php?id=42`] }], lookups);
    assert.deepEqual([[...keys.resourceIds], [...keys.registrations], [...keys.courseRowIds], [...keys.ltiCourseIds]], [['vid-1'], ['r-1'], ['ctx-1'], ['42']]);
  });
});
