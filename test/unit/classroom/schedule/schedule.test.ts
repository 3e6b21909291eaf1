import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StoredClassroomSettings, type ClassroomSession } from '../../../../src/classroom/classroom-settings.schemas.js';
import { roomStatus, upcomingOccurrences } from '../../../../src/classroom/schedule/schedule.js';

function settings(sessions: unknown[], extra: Record<string, unknown> = {}) {
  return StoredClassroomSettings.parse({ sessions, ...extra });
}
const weekly = (fields: Partial<Extract<ClassroomSession, { kind: 'weekly' }>> = {}) => ({
  kind: 'weekly', id: 'w', weekdays: [1], startTime: '10:00', durationMinutes: 90, fromDate: '2026-01-05', untilDate: '2026-12-28', exceptions: [], ...fields,
});
const once = (fields: Record<string, unknown> = {}) => ({ kind: 'once', id: 'o', date: '2026-06-10', startTime: '14:00', durationMinutes: 60, ...fields });
const iso = (d: Date) => d.toISOString();

describe('classroom schedule', () => {
  it('gives a one-off session as an instant in the classroom’s zone, opening before and closing at the end', () => {
    const s = settings([once({ title: 'Révisions' })], { openMinutesBefore: 10 });
    const [o] = upcomingOccurrences(s, new Date('2026-01-01T00:00:00Z'), 10);
    assert.deepEqual(o, {
      sessionId: 'o', title: 'Révisions',
      start: new Date('2026-06-10T12:00:00Z'), end: new Date('2026-06-10T13:00:00Z'), opensAt: new Date('2026-06-10T11:50:00Z'),
    });
    assert.equal(upcomingOccurrences(s, new Date('2026-06-10T13:00:00Z'), 10).length, 0, 'ended sessions are not upcoming');
    assert.equal(upcomingOccurrences(s, new Date('2026-06-10T12:59:00Z'), 10).length, 1, 'a session under way is');
  });

  it('keeps a weekly 10:00 Europe/Paris at 10:00 local across daylight saving (09:00Z in winter, 08:00Z in summer)', () => {
    const s = settings([weekly({ fromDate: '2026-03-16', untilDate: '2026-11-02' })]);
    const starts = upcomingOccurrences(s, new Date('2026-03-01T00:00:00Z'), 3).map((o) => iso(o.start));
    assert.deepEqual(starts, ['2026-03-16T09:00:00.000Z', '2026-03-23T09:00:00.000Z', '2026-03-30T08:00:00.000Z']);
    const autumn = upcomingOccurrences(s, new Date('2026-10-19T00:00:00Z'), 3).map((o) => iso(o.start));
    assert.deepEqual(autumn, ['2026-10-19T08:00:00.000Z', '2026-10-26T09:00:00.000Z', '2026-11-02T09:00:00.000Z']);
  });

  it('follows America/New_York’s own change dates (second Sunday of March, first of November)', () => {
    const s = settings([weekly({ weekdays: [3], startTime: '18:30', fromDate: '2026-03-04', untilDate: '2026-11-11' })], { timeZone: 'America/New_York' });
    const spring = upcomingOccurrences(s, new Date('2026-03-01T00:00:00Z'), 2).map((o) => iso(o.start));
    assert.deepEqual(spring, ['2026-03-04T23:30:00.000Z', '2026-03-11T22:30:00.000Z']);
    const fall = upcomingOccurrences(s, new Date('2026-10-28T00:00:00Z'), 2).map((o) => iso(o.start));
    assert.deepEqual(fall, ['2026-10-28T22:30:00.000Z', '2026-11-04T23:30:00.000Z']);
  });

  it('moves a start that does not exist on the spring-forward day forward by the gap, keeps the real duration, and takes the second of a repeated time', () => {
    const s = settings([once({ date: '2026-03-29', startTime: '02:30', durationMinutes: 60 })]);
    const [o] = upcomingOccurrences(s, new Date('2026-03-01T00:00:00Z'), 1);
    assert.equal(iso(o!.start), '2026-03-29T01:30:00.000Z', '03:30 CEST');
    assert.equal(o!.end.getTime() - o!.start.getTime(), 3600_000);
    const twice = settings([once({ date: '2026-10-25', startTime: '02:30', durationMinutes: 60 })]);
    assert.equal(iso(upcomingOccurrences(twice, new Date('2026-10-01T00:00:00Z'), 1)[0]!.start), '2026-10-25T01:30:00.000Z', 'the second 02:30 (CET) on the fall-back day');
  });

  it('skips exceptions, stops after the until date and starts on the from date', () => {
    const s = settings([weekly({ weekdays: [1, 4], fromDate: '2026-04-02', untilDate: '2026-04-16', exceptions: ['2026-04-06'] })]);
    const days = upcomingOccurrences(s, new Date('2026-01-01T00:00:00Z'), 10).map((o) => iso(o.start).slice(0, 10));
    assert.deepEqual(days, ['2026-04-02', '2026-04-09', '2026-04-13', '2026-04-16']);
  });

  it('orders occurrences of several sessions by start and honours the limit', () => {
    const s = settings([weekly({ id: 'mon', weekdays: [1] }), weekly({ id: 'wed', weekdays: [3] }), once({ id: 'extra', date: '2026-02-03', startTime: '08:00' })]);
    const got = upcomingOccurrences(s, new Date('2026-02-01T00:00:00Z'), 4).map((o) => `${o.sessionId}@${iso(o.start).slice(0, 10)}`);
    assert.deepEqual(got, ['mon@2026-02-02', 'extra@2026-02-03', 'wed@2026-02-04', 'mon@2026-02-09']);
    assert.equal(upcomingOccurrences(s, new Date('2026-02-01T00:00:00Z'), 0).length, 0);
  });

  it('finds occurrences far into a long weekly series without listing the past', () => {
    const s = settings([weekly({ fromDate: '2026-01-05', untilDate: '2027-12-27' })]);
    const [first] = upcomingOccurrences(s, new Date('2027-06-15T12:00:00Z'), 1);
    assert.equal(iso(first!.start), '2027-06-21T08:00:00.000Z');
  });

  it('says the room is open from opensAt to the end, with the next session', () => {
    const s = settings([weekly({ fromDate: '2026-06-01', untilDate: '2026-06-30' })], { openMinutesBefore: 15 });
    const before = roomStatus(s, new Date('2026-06-01T07:44:00Z'));
    assert.equal(before.open, false);
    assert.equal(before.current, null);
    assert.equal(iso(before.next!.start), '2026-06-01T08:00:00.000Z');
    const opening = roomStatus(s, new Date('2026-06-01T07:45:00Z'));
    assert.equal(opening.open, true);
    assert.equal(iso(opening.current!.start), '2026-06-01T08:00:00.000Z');
    assert.equal(iso(opening.next!.start), '2026-06-08T08:00:00.000Z');
    const closing = roomStatus(s, new Date('2026-06-01T09:30:00Z'));
    assert.equal(closing.open, false, 'closed at the end');
    assert.equal(iso(closing.next!.start), '2026-06-08T08:00:00.000Z');
    const over = roomStatus(s, new Date('2026-07-01T00:00:00Z'));
    assert.deepEqual(over, { scheduled: true, open: false, current: null, next: null });
  });

  it('keeps a room without sessions always open', () => {
    assert.deepEqual(roomStatus(settings([]), new Date()), { scheduled: false, open: true, current: null, next: null });
  });

  it('keeps the room open across overlapping sessions', () => {
    const s = settings([once({ id: 'a', startTime: '10:00', durationMinutes: 60 }), once({ id: 'b', startTime: '10:30', durationMinutes: 60 })], { openMinutesBefore: 0 });
    const status = roomStatus(s, new Date('2026-06-10T08:45:00Z'));
    assert.equal(status.open, true);
    assert.equal(status.current!.sessionId, 'a');
    assert.equal(status.next!.sessionId, 'b');
    assert.equal(roomStatus(s, new Date('2026-06-10T09:15:00Z')).current!.sessionId, 'b');
  });
});
