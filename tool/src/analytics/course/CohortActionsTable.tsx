import type { CohortAction } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { useFormats } from '../useFormats.js';
import { ActionName, actionName } from './ActionName.js';

/** The actions that count (done by enough of the class) and how many did each. */
export function CohortActionsTable({ actions }: { actions: CohortAction[] }) {
  const { t } = useI18n();
  const f = useFormats();
  if (!actions.length) return null;
  return (
    <CsvTable
      id="amphi-cohort-actions"
      testId="cohort-actions-table"
      caption={t('cohort.actions.caption')}
      header={[t('cohort.col.activity'), t('cohort.col.action'), t('cohort.col.learners'), t('cohort.col.rate')]}
      numeric={[false, false, true, true]}
      rows={actions.map((a) => {
        const text = [a.objectTitle, actionName(a.action, t).text, f.number(a.learners), f.percent(a.rate)];
        return { key: `${a.objectId} ${a.action}`, text, cells: [text[0], <ActionName action={a.action} />, ...text.slice(2)] };
      })}
    />
  );
}
