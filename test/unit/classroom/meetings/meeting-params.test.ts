import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClassroomMeetingRow } from '../../../../src/classroom/classroom.table.js';
import { joinParams, meetingName, participantName } from '../../../../src/classroom/meetings/meeting-params.js';
import { classroomMeetingId, joinRole } from '../../../../src/classroom/meetings/meeting.service.js';

const user = (fields: Partial<{ name: string | null; givenName: string | null; familyName: string | null }>) => ({
  id: 'u1',
  sub: '1234',
  email: null,
  name: null,
  givenName: null,
  familyName: null,
  ...fields,
});

describe('what Amphi sends BBB create and join', () => {
  it('names the meeting after the classroom, never shorter than BBB’s 2 characters nor longer than 256', () => {
    assert.equal(meetingName('  TD 3  ', 'fr'), 'TD 3');
    assert.equal(meetingName('X', 'fr'), 'X – Classe virtuelle');
    assert.equal(meetingName('', 'en'), 'Virtual classroom');
    assert.equal(meetingName('a'.repeat(300), 'en').length, 256);
  });

  it('names the person from the launch: full name, else given + family, else a neutral label', () => {
    assert.equal(participantName(user({ name: 'Ada Lovelace', givenName: 'Ada' })), 'Ada Lovelace');
    assert.equal(participantName(user({ givenName: 'Ada', familyName: 'Lovelace' })), 'Ada Lovelace');
    assert.equal(participantName(user({ givenName: 'Ada' })), 'Ada');
    assert.equal(participantName(user({ name: 'A' })), 'Participant');
    assert.equal(participantName(user({})), 'Participant');
  });

  it('joins with the LTI user id, the role in BBB’s words and the meeting’s createTime', () => {
    const row = { meeting_id: 'amphi-r1', create_time: 1732874400123 } as ClassroomMeetingRow;
    assert.deepEqual(joinParams(row, user({ name: 'Ada Lovelace' }), 'viewer'), {
      fullName: 'Ada Lovelace',
      meetingID: 'amphi-r1',
      role: 'VIEWER',
      userID: '1234',
      createTime: 1732874400123,
      guest: false,
      redirect: true,
    });
    assert.equal(joinParams(row, user({}), 'moderator').role, 'MODERATOR');
  });

  it('makes teachers and administrators moderators, learners viewers unless everyone moderates', () => {
    assert.equal(joinRole({ role: 'instructor' }, { everyoneModerator: false }), 'moderator');
    assert.equal(joinRole({ role: 'admin' }, { everyoneModerator: false }), 'moderator');
    assert.equal(joinRole({ role: 'learner' }, { everyoneModerator: false }), 'viewer');
    assert.equal(joinRole({ role: 'learner' }, { everyoneModerator: true }), 'moderator');
  });

  it('gives each classroom one stable meetingID without commas', () => {
    assert.equal(classroomMeetingId('0b9c6a38-1f7e-4f36-9d0e-5f2a1c3b4d5e'), 'amphi-0b9c6a38-1f7e-4f36-9d0e-5f2a1c3b4d5e');
  });
});
