import type { RiskLearner } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { learnerLabel } from '../shared/learner-label.js';
import { LearnerName } from '../shared/LearnerName.js';
import { useFormats } from '../useFormats.js';

/** The learners who may need help, with their level, score and the reasons in words. */
export function RiskTable({ learners }: { learners: RiskLearner[] }) {
  const { t } = useI18n();
  const f = useFormats();
  return (
    <CsvTable
      id="amphi-risk"
      testId="risk-table"
      caption={t('risk.table.caption')}
      header={[t('analytics.col.learner'), t('risk.col.level'), t('risk.col.score'), t('analytics.col.lastActivity'), t('risk.col.reasons')]}
      numeric={[false, false, true, false, false]}
      rows={learners.map((row) => {
        const reasons = row.reasons.map((r) => t('risk.reason.points', { text: r.text, points: f.number(r.points) }));
        const level = t(`risk.level.${row.level}`);
        const last = row.lastActivity ? f.dateTime(row.lastActivity) : t('analytics.never');
        return {
          key: row.learner.id,
          text: [learnerLabel(row.learner, t), level, f.number(row.score), last, reasons.join(' · ')],
          cells: [
            <LearnerName learner={row.learner} />,
            <span class={`amphi-badge amphi-level-${row.level}`} data-testid="risk-level-badge" data-level={row.level}>
              {level}
            </span>,
            f.number(row.score),
            last,
            <ul class="amphi-risk-reasons">
              {reasons.map((text, i) => (
                <li key={row.reasons[i]!.code}>{text}</li>
              ))}
            </ul>,
          ],
        };
      })}
    />
  );
}
