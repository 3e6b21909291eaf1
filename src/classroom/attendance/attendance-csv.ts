import type { AttendanceResponse } from './attendance.view.js';

const HEADER = ['session_started_at', 'session_title', 'name', 'role', 'joined_at', 'left_at', 'duration_seconds', 'talk_time_seconds', 'chats', 'raised_hands', 'poll_votes', 'emojis'];

/**
 * The attendance as CSV (RFC 4180), one line per person and session. A cell a spreadsheet would
 * run as a formula (a name starting with =, +, - or @) is prefixed with an apostrophe.
 */
export function attendanceCsv(attendance: AttendanceResponse): string {
  const lines = [HEADER.join(',')];
  for (const s of attendance.sessions) {
    for (const a of s.attendees) {
      lines.push(
        [s.startedAt, s.sessionTitle, a.name, a.role, a.joinedAt, a.leftAt, a.durationSeconds, a.talkTimeSeconds, a.chats, a.raisedHands, a.pollVotes, a.emojis]
          .map(cell)
          .join(','),
      );
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

function cell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
