import { useId, useState } from 'preact/hooks';
import type { ResourceResponse } from '../../api/api-types.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { Formatter } from '../../i18n/format.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { getAttendance, type AttendanceResponse, type AttendanceSession } from './attendance-api.js';
import { formatWhen } from './attendance-format.js';
import { AttendanceTotalsTable } from './AttendanceTotalsTable.js';
import { SessionAttendanceTable } from './SessionAttendanceTable.js';
import '../../styles/classroom-attendance.css';

interface Props {
  resource: ResourceResponse;
  onResourceChanged: (resource: ResourceResponse) => void;
}

/**
 * Attendance per session and per learner, from BigBlueButton's learning-analytics report (sent
 * when a session ends): a session selector, the chosen session's table, the totals with the
 * attendance grade when the classroom is graded.
 */
export function AttendancePanel({ resource }: Props) {
  const { t } = useI18n();
  const data = useApiData((client) => getAttendance(client, resource.id), [resource.id]);
  if (data.status === 'error') return <ApiErrorAlert error={data.error} />;
  if (!data.data) return <LoadingState label={t('attendance.loading')} />;
  return <AttendanceView attendance={data.data} onReload={data.reload} />;
}

function AttendanceView({ attendance, onReload }: { attendance: AttendanceResponse; onReload: () => void }) {
  const { t } = useI18n();
  const format = useFormatter();
  const headingId = useId();
  const selectId = useId();
  const [chosen, setChosen] = useState<string | null>(null);
  const reported = attendance.sessions.some((s) => s.reportedAt !== null);
  const session = attendance.sessions.find((s) => s.meetingRowId === chosen) ?? attendance.sessions[0];
  const label = (s: AttendanceSession) => `${s.sessionTitle ? `${s.sessionTitle} — ` : ''}${formatWhen(s.startedAt, format)}`;
  return (
    <section class="amphi-attendance" aria-labelledby={headingId} data-testid="attendance-panel">
      <div class="amphi-attendance-head">
        <h3 id={headingId}>{t('attendance.title')}</h3>
        <button type="button" class="amphi-button amphi-button-secondary" onClick={onReload}>
          {t('attendance.reload')}
        </button>
      </div>
      <p class="amphi-muted">{ruleText(attendance, t, format)}</p>
      {!reported && <p class="amphi-attendance-empty" data-testid="attendance-empty">{t('attendance.empty')}</p>}
      {session && (
        <>
          <div class="amphi-form-field amphi-attendance-select">
            <label for={selectId}>{t('attendance.session.choose')}</label>
            <select id={selectId} class="amphi-input" value={session.meetingRowId} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
              {attendance.sessions.map((s) => (
                <option key={s.meetingRowId} value={s.meetingRowId}>
                  {label(s)}
                </option>
              ))}
            </select>
          </div>
          {session.reportedAt === null && <p class="amphi-muted">{session.state === 'ended' ? t('attendance.session.awaiting') : t('attendance.session.live')}</p>}
          <SessionAttendanceTable session={session} caption={t('attendance.session.caption', { session: label(session) })} />
        </>
      )}
      {attendance.people.length > 0 && <AttendanceTotalsTable attendance={attendance} />}
    </section>
  );
}

function ruleText(attendance: AttendanceResponse, t: ReturnType<typeof useI18n>['t'], format: Formatter): string {
  if (!attendance.resource.gradable) return t('attendance.rule.ungraded');
  const max = attendance.resource.scoreMaximum === null ? '' : format.number(attendance.resource.scoreMaximum, 2);
  return attendance.rule.kind === 'present' ? t('attendance.rule.present', { max }) : t('attendance.rule.minutes', { max, minutes: format.number(attendance.rule.minutes, 0) });
}
