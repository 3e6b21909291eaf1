import type { LearnerActivity } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { learnerLabel } from '../shared/learner-label.js';
import { LearnerName } from '../shared/LearnerName.js';
import { useFormats } from '../useFormats.js';

/** Each learner's actions, active days, resources opened and last activity in the period. */
export function LearnersActivityTable({ learners }: { learners: LearnerActivity[] }) {
  const { t } = useI18n();
  const f = useFormats();
  if (!learners.length) return <p class="amphi-muted">{t('dashboard.learners.none')}</p>;
  return (
    <CsvTable
      id="amphi-learners-activity"
      testId="learners-activity-table"
      caption={t('dashboard.learners.caption')}
      header={[
        t('analytics.col.learner'),
        t('dashboard.learners.col.actions'),
        t('dashboard.learners.col.activeDays'),
        t('dashboard.learners.col.resources'),
        t('analytics.col.lastActivity'),
      ]}
      numeric={[false, true, true, true, false]}
      rows={learners.map((row) => {
        const rest = [f.number(row.actions), f.number(row.activeDays), f.number(row.resourcesOpened), row.lastActivity ? f.dateTime(row.lastActivity) : t('analytics.never')];
        return { key: row.learner.id, text: [learnerLabel(row.learner, t), ...rest], cells: [<LearnerName learner={row.learner} />, ...rest] };
      })}
    />
  );
}
