import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoredClassroomSettings } from '../../../../src/classroom/classroom-settings.schemas.js';
import { checkSchedule } from '../../../../src/classroom/schedule/schedule-rules.js';

const weekly = (fields: Record<string, unknown> = {}) => ({
  kind: 'weekly', id: 'cm', title: 'CM', weekdays: [1], startTime: '10:00', durationMinutes: 90, fromDate: '2026-09-07', untilDate: '2026-12-14', exceptions: [], ...fields,
});
const check = (sessions: unknown[]) => checkSchedule(StoredClassroomSettings.parse({ sessions }));

describe('classroom schedule rules', () => {
  it('accepts a valid schedule, overlapping sessions included', () => {
    assert.deepEqual(check([weekly({ exceptions: ['2026-11-02'] }), { kind: 'once', id: 'x', date: '2026-09-07', startTime: '10:30', durationMinutes: 60 }]), []);
  });

  it('refuses an until date before the from date, naming the session and the field', () => {
    const [issue] = check([weekly({ untilDate: '2026-09-01' })]);
    assert.deepEqual(issue!.path, ['sessions', 0, 'untilDate']);
    assert.equal(issue!.rule, 'until-before-from');
    assert.match(issue!.message, /CM.*2026-09-01.*2026-09-07/);
    assert.match(issue!.messageFr, /séance « CM »/);
  });

  it('refuses a span of more than about two years', () => {
    const [issue] = check([weekly({ fromDate: '2026-01-05', untilDate: '2028-03-01' })]);
    assert.equal(issue!.rule, 'span-too-long');
  });

  it('refuses exceptions outside the range, on a day without session, or listed twice', () => {
    const issues = check([weekly({ exceptions: ['2026-08-31', '2026-09-08', '2026-09-14', '2026-09-14'] })]);
    assert.deepEqual(issues.map((i) => [i.path.join('.'), i.rule]), [
      ['sessions.0.exceptions.0', 'exception-outside-range'],
      ['sessions.0.exceptions.1', 'exception-not-scheduled'],
      ['sessions.0.exceptions.3', 'exception-duplicate'],
    ]);
    assert.match(issues[1]!.message, /2026-09-08 is a Tuesday/);
  });

  it('refuses dates that do not exist and duplicate session ids', () => {
    const issues = check([{ kind: 'once', id: 'a', date: '2026-02-30', startTime: '10:00', durationMinutes: 60 }, weekly({ id: 'a', fromDate: '2026-13-01' })]);
    assert.deepEqual(issues.map((i) => [i.path.join('.'), i.rule]), [
      ['sessions.0.date', 'date-invalid'],
      ['sessions.1.id', 'session-id-duplicate'],
      ['sessions.1.fromDate', 'date-invalid'],
    ]);
  });
});
