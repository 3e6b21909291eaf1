import { useId } from 'preact/hooks';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import type { AttendanceResponse } from './attendance-api.js';

/** Per person over every session: minutes, sessions attended and, for a graded classroom, the grade. */
export function AttendanceTotalsTable({ attendance }: { attendance: AttendanceResponse }) {
  const { t } = useI18n();
  const format = useFormatter();
  const captionId = useId();
  const graded = attendance.resource.gradable && attendance.resource.scoreMaximum !== null;
  const max = attendance.resource.scoreMaximum === null ? '' : format.number(attendance.resource.scoreMaximum, 2);
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="amphi-table" data-testid="attendance-totals-table">
        <caption id={captionId}>{t('attendance.totals.caption')}</caption>
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
              <td>{format.number(p.minutes, 0)}</td>
              <td>{format.number(p.sessionsAttended, 0)}</td>
              {graded && <td>{p.score === null ? t('attendance.grade.none') : format.number(p.score, 2)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
