import type { CohortLearner } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { learnerLabel } from '../shared/learner-label.js';
import { LearnerName } from '../shared/LearnerName.js';
import { useFormats } from '../useFormats.js';

/** Rank, quarter, score and actions done and missed of each active learner. */
export function CohortTable({ learners }: { learners: CohortLearner[] }) {
  const { t } = useI18n();
  const f = useFormats();
  const sorted = [...learners].sort((a, b) => a.rank - b.rank);
  return (
    <CsvTable
      id="amphi-cohort"
      testId="cohort-table"
      caption={t('cohort.table.caption')}
      header={[t('cohort.col.rank'), t('analytics.col.learner'), t('cohort.col.quartile'), t('cohort.col.score'), t('cohort.col.done'), t('cohort.col.missed')]}
      numeric={[true, false, false, true, true, true]}
      rows={sorted.map((row) => {
        const text = [
          f.number(row.rank),
          learnerLabel(row.learner, t),
          t(`cohort.quartile.${row.quartile}`),
          f.number(row.score),
          f.number(row.actionsDone),
          f.number(row.actionsMissed),
        ];
        return { key: row.learner.id, text, cells: [text[0], <LearnerName learner={row.learner} />, ...text.slice(2)] };
      })}
    />
  );
}
