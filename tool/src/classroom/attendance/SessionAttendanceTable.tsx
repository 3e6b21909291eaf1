import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import type { AttendanceSession } from './attendance-api.js';
import { formatCount, formatSeconds, formatTime } from './attendance-format.js';

/** One session's attendees and their metrics (a dash until BBB's report arrives). */
export function SessionAttendanceTable({ session, caption }: { session: AttendanceSession; caption: string }) {
  const { t } = useI18n();
  const format = useFormatter();
  if (!session.attendees.length) return <p class="amphi-muted">{t('attendance.session.nobody')}</p>;
  const captionId = `amphi-attendance-session-${session.meetingRowId}`;
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="amphi-table" data-testid="attendance-session-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('attendance.col.name')}</th>
            <th scope="col">{t('attendance.col.role')}</th>
            <th scope="col">{t('attendance.col.joined')}</th>
            <th scope="col">{t('attendance.col.left')}</th>
            <th scope="col">{t('attendance.col.duration')}</th>
            <th scope="col">{t('attendance.col.talkTime')}</th>
            <th scope="col">{t('attendance.col.chats')}</th>
            <th scope="col">{t('attendance.col.raisedHands')}</th>
            <th scope="col">{t('attendance.col.pollVotes')}</th>
          </tr>
        </thead>
        <tbody>
          {session.attendees.map((a) => (
            <tr key={a.userId}>
              <th scope="row">{a.name ?? t('attendance.unnamed')}</th>
              <td>{a.role === 'moderator' ? t('attendance.role.moderator') : t('attendance.role.viewer')}</td>
              <td>{formatTime(a.joinedAt, format)}</td>
              <td>{formatTime(a.leftAt, format)}</td>
              <td>{formatSeconds(a.durationSeconds, format)}</td>
              <td>{formatSeconds(a.talkTimeSeconds, format)}</td>
              <td>{formatCount(a.chats, format)}</td>
              <td>{formatCount(a.raisedHands, format)}</td>
              <td>{formatCount(a.pollVotes, format)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
