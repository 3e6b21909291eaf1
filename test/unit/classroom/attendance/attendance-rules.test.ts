import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { attendanceCsv } from '../../../../src/classroom/attendance/attendance-csv.js';
import { attendanceScore } from '../../../../src/classroom/attendance/attendance-grade.service.js';
import type { AttendanceResponse } from '../../../../src/classroom/attendance/attendance.view.js';
import { isoDuration } from '../../../../src/classroom/attendance/session-facts.js';
import { statementId } from '../../../../src/classroom/attendance/statement-id.js';

describe('attendance grade', () => {
  it('present: full marks for any time attended, nothing for none', () => {
    assert.equal(attendanceScore({ kind: 'present' }, 60, 20), 20);
    assert.equal(attendanceScore({ kind: 'present' }, 0, 20), 0);
  });
  it('minutes: in proportion up to the target, capped, rounded to hundredths', () => {
    const rule = { kind: 'minutes', minutes: 90 } as const;
    assert.equal(attendanceScore(rule, 45 * 60, 20), 10);
    assert.equal(attendanceScore(rule, 200 * 60, 20), 20);
    assert.equal(attendanceScore(rule, 60 * 60, 10), 6.67);
  });
});

describe('classroom statement ids and durations', () => {
  it('gives a stable RFC 9562 version-5 UUID per meeting, person, verb and time', () => {
    const id = statementId('m1', 'u1', 'joined', '2026-11-20T09:00:00.000Z');
    assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(statementId('m1', 'u1', 'joined', '2026-11-20T09:00:00.000Z'), id);
    assert.notEqual(statementId('m1', 'u1', 'left', '2026-11-20T09:00:00.000Z'), id);
    assert.notEqual(statementId('m2', 'u1', 'joined', '2026-11-20T09:00:00.000Z'), id);
  });
  it('writes ISO 8601 durations', () => {
    assert.deepEqual([isoDuration(0), isoDuration(45), isoDuration(5400), isoDuration(3725.4)], ['PT0S', 'PT45S', 'PT1H30M', 'PT1H2M5S']);
  });
});

describe('attendance CSV', () => {
  it('writes one line per person and session, quoting and defusing formulas', () => {
    const attendance = {
      sessions: [
        {
          startedAt: '2026-11-20T09:00:00.000Z',
          sessionTitle: 'TD, groupe A',
          attendees: [
            { name: '=HYPERLINK("x")', role: 'viewer', joinedAt: '2026-11-20T09:05:00.000Z', leftAt: null, durationSeconds: 60, talkTimeSeconds: 0, chats: 1, raisedHands: 0, pollVotes: 0, emojis: 0 },
          ],
        },
      ],
    } as unknown as AttendanceResponse;
    const [header, line] = attendanceCsv(attendance).trim().split('\r\n');
    assert.match(header!, /^session_started_at,session_title,name,/);
    assert.equal(line, `2026-11-20T09:00:00.000Z,"TD, groupe A","'=HYPERLINK(""x"")",viewer,2026-11-20T09:05:00.000Z,,60,0,1,0,0,0`);
  });
});
