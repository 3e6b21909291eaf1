import type { Insertable } from 'kysely';
import { classroomStatement, isoDuration, type MeetingStatementEnv } from '../classroom/attendance/classroom-statements.service.js';
import type { ClassroomAttendanceTable, ClassroomMeetingRow } from '../classroom/classroom.table.js';
import { classroomMeetingId } from '../classroom/meetings/meeting.service.js';
import type { Occurrence } from '../classroom/schedule/classroom-settings.service.js';
import { amphiSources, launchTrace } from './amphi-traces.js';
import { BbbTraces } from './bbb-traces.js';
import type { CourseModel, Person } from './course-model.js';
import { demoHex, demoRandom, demoUuid } from './demo-ids.js';
import type { MoodleTraces } from './moodle-traces.js';
import type { PendingStatement, StatementSource } from '../lrs/statements/statement-backfill.service.js';

const MINUTE = 60_000;
const EMOJIS = ['👍', '👏', '😂', '❤️', '🤔'];

export interface MeetingOutcome {
  meeting: ClassroomMeetingRow;
  attendance: Insertable<ClassroomAttendanceTable>[];
  /** Who launched the classroom for it, and when (memberships). */
  launches: { person: Person; at: number }[];
}

/**
 * One past session of the weekly classroom, as Amphi and BBB leave it: the meeting row (ended by
 * BBB's end callback), each attendee's launch and attendance row (BBB's analytics callback), the
 * virtual-classroom statements Amphi records after the callback (classroom-statements.service.ts) and
 * the ones BBB's webhooks post live. `chance(person)` is how likely a learner is there.
 */
export function simulateMeeting(
  model: CourseModel, occurrence: Occurrence, key: number, learners: { person: Person; chance: number; engagement: number }[],
  add: (p: PendingStatement) => void, moodle: MoodleTraces, bbbSource: StatementSource,
): MeetingOutcome {
  const r = demoRandom(model.seed, 'meeting', key);
  const start = occurrence.start.getTime();
  const createdAt = start - r.between(4, 12) * MINUTE;
  const endedAt = occurrence.end.getTime() + r.between(-6, 8) * MINUTE;
  const teacher = model.teachers[key % model.teachers.length]!;
  const createTime = Math.round(createdAt + 400);
  const meeting: ClassroomMeetingRow = {
    id: demoUuid(model.seed, 'meeting', key), platform_id: model.platform.id, resource_id: model.classroom.id,
    meeting_id: classroomMeetingId(model.classroom.id), state: 'ended', internal_meeting_id: `${demoHex(model.seed, 40, 'meeting', key)}-${createTime}`,
    create_time: createTime, session_start: occurrence.start, created_by: teacher.userId, created_at: new Date(createdAt), started_at: new Date(createTime),
    checked_at: new Date(endedAt), ended_at: new Date(endedAt), end_reason: 'callback',
  };
  const env: MeetingStatementEnv = {
    meeting,
    platform: { issuer: model.platform.issuer, lrsIdentity: model.platform.lrsIdentity, name: model.platform.name },
    publicUrl: model.publicUrl,
    resource: { id: model.classroom.id, title: model.classroom.title, contextId: model.context.id, courseTitle: model.context.title },
    plannedSeconds: (occurrence.end.getTime() - start) / 1000,
  };
  const amphi = amphiSources(model.publicUrl).amphi;
  const reportedAt = endedAt + r.between(30, 120) * 1000;
  const bbb = new BbbTraces(model, bbbSource, add, { rowId: meeting.id, internalMeetingId: meeting.internal_meeting_id!, key, title: model.classroom.title });
  const polls = r.int(4);
  const outcome: MeetingOutcome = { meeting, attendance: [], launches: [] };
  const addAmphi = (person: Person, verb: 'joined' | 'left' | 'initialized' | 'terminated', at: number, storedAt: number, result?: Parameters<typeof classroomStatement>[4]) => {
    const s = classroomStatement(env, { id: person.userId, sub: person.sub, name: person.name.name, email: person.name.email }, verb, new Date(Math.round(at)), result);
    add({ statement: s as PendingStatement['statement'], source: amphi, storedAt });
  };

  const attend = (person: Person, role: 'moderator' | 'viewer', joins: [number, number][], engagement: number) => {
    moodle.ltiViewed(person, model.classroom, joins[0]![0] - 40_000);
    add(launchTrace(model, person, model.classroom, 'classroom', joins[0]![0] - 30_000));
    outcome.launches.push({ person, at: joins[0]![0] - 30_000 });
    let seconds = 0;
    for (const [join, leave] of joins) {
      seconds += (leave - join) / 1000;
      addAmphi(person, 'joined', join, reportedAt);
      addAmphi(person, 'left', leave, reportedAt);
      bbb.joined(person, join);
      bbb.left(person, leave);
    }
    const [first, last] = [joins[0]![0], joins.at(-1)![1]];
    const within = () => first + r.next() * (last - first);
    const chats = role === 'moderator' ? 3 + r.int(8) : r.chance(0.4 * engagement) ? 1 + r.int(4) : 0;
    for (let i = 0; i < chats; i++) bbb.posted(person, within());
    let votes = 0;
    for (let p = 0; p < polls; p++) if (role === 'viewer' && r.chance(0.8)) (votes++, bbb.answered(person, p, r.pick(['A', 'B', 'C', 'D']), start + (p + 1) * 20 * MINUTE));
    const emojis = r.chance(0.3) ? 1 + r.int(4) : 0;
    for (let i = 0; i < emojis; i++) bbb.reacted(person, r.pick(EMOJIS), within());
    outcome.attendance.push({
      id: demoUuid(model.seed, 'attendance', key, person.sub), platform_id: model.platform.id, resource_id: model.classroom.id, meeting_row_id: meeting.id,
      user_id: person.userId, resource_link_id: model.classroom.linkRowId, role, first_joined_at: new Date(first), last_joined_at: new Date(joins.at(-1)![0]),
      join_count: joins.length, left_at: new Date(last), duration_seconds: Math.round(seconds),
      talk_time_seconds: role === 'moderator' ? Math.round(seconds * r.between(0.4, 0.7)) : r.chance(0.25) ? r.int(240) : 0,
      chats, raised_hands: role === 'viewer' && r.chance(0.2) ? 1 + r.int(2) : 0, poll_votes: votes, emojis, reported_at: new Date(reportedAt), score_sent: null,
    });
  };

  addAmphi(teacher, 'initialized', createTime, createTime + 1500);
  attend(teacher, 'moderator', [[createdAt + 3000, endedAt]], 1);
  for (const { person, chance, engagement } of learners) {
    if (!r.chance(chance)) continue;
    const join = Math.max(createdAt + 10_000, start + (3 + 4 * r.normal()) * MINUTE);
    const leave = r.chance(0.15) ? join + (endedAt - join) * r.between(0.2, 0.7) : endedAt - r.between(0, 3) * MINUTE;
    if (leave <= join + MINUTE) continue;
    // A dropped connection now and then: BBB reports two joins and two leaves.
    const joins: [number, number][] = r.chance(0.1) ? [[join, join + (leave - join) * 0.4], [join + (leave - join) * 0.4 + 40_000, leave]] : [[join, leave]];
    attend(person, 'viewer', joins, engagement);
  }
  addAmphi(teacher, 'terminated', endedAt, reportedAt + 500, { duration: isoDuration((endedAt - createTime) / 1000) });
  return outcome;
}
