import type { AttendanceRule } from '../classroom-settings.schemas.js';

/** GET /api/classrooms/:resourceId/attendance (wire shape; the tool's AttendancePanel reads it). */
export interface AttendanceResponse {
  resource: { id: string; title: string; gradable: boolean; scoreMaximum: number | null };
  rule: AttendanceRule;
  /** Meetings, latest first. */
  sessions: AttendanceSession[];
  /** Everyone who attended at least once, by name. */
  people: AttendanceTotalsResponse[];
}

export interface AttendanceSession {
  meetingRowId: string;
  state: 'creating' | 'running' | 'ended';
  /** The scheduled session it opened for, when the schedule still has it. */
  sessionTitle: string | null;
  sessionStart: string | null;
  startedAt: string;
  endedAt: string | null;
  /** When BBB's analytics arrived (null: not yet; attendance comes when a session ends). */
  reportedAt: string | null;
  attendees: AttendanceEntry[];
}

export interface AttendanceEntry {
  userId: string;
  name: string | null;
  role: 'moderator' | 'viewer';
  joinedAt: string;
  leftAt: string | null;
  joinCount: number;
  /** Null until BBB's analytics reported the person. */
  durationSeconds: number | null;
  talkTimeSeconds: number | null;
  chats: number | null;
  raisedHands: number | null;
  pollVotes: number | null;
  emojis: number | null;
}

export interface AttendanceTotalsResponse {
  userId: string;
  name: string | null;
  /** Whole minutes over every session BBB reported. */
  minutes: number;
  sessionsAttended: number;
  /** Moderator in every session they attended (teachers): not graded. */
  moderatorOnly: boolean;
  /** The grade the rule gives today (graded classrooms). */
  score: number | null;
  /** The best grade sent to the gradebook. */
  scoreSent: number | null;
}
