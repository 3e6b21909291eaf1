import { useI18n } from '../../i18n/I18nContext.js';
import type { AttendanceResponse } from './attendance-api.js';

/** Per person over every session: minutes, sessions attended and, for a graded classroom, the grade. */
export function AttendanceTotalsTable({ attendance }: { attendance: AttendanceResponse }) {
  const { t } = useI18n();
  const graded = attendance.resource.gradable && attendance.resource.scoreMaximum !== null;
  const max = String(attendance.resource.scoreMaximum ?? '');
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby="amphi-attendance-totals-caption" tabIndex={0}>
      <table class="amphi-table" data-testid="attendance-totals-table">
        <caption id="amphi-attendance-totals-caption">{t('attendance.totals.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('attendance.col.name')}</th>
            <th scope="col">{t('attendance.col.minutes')}</th>
            <th scope="col">{t('attendance.col.sessions')}</th>
            {graded && <th scope="col">{t('attendance.col.grade', { max })}</th>}
          </tr>
        </thead>
        <tbody>
          {attendance.people.map((p) => (
            <tr key={p.userId}>
              <th scope="row">{p.name ?? t('attendance.unnamed')}</th>
              <td>{p.minutes}</td>
              <td>{p.sessionsAttended}</td>
              {graded && <td>{p.score === null ? t('attendance.grade.none') : String(p.score)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
