import type { ClassroomAnalyticsResponse } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { useFormats } from '../useFormats.js';

/** The classroom's recordings (imported as videos) and how many learners watched each. */
export function RecordingsWatchedTable({ recordings }: { recordings: ClassroomAnalyticsResponse['recordings'] }) {
  const { t } = useI18n();
  const f = useFormats();
  if (!recordings.length) return <p class="amphi-muted">{t('classroomAnalytics.recordings.none')}</p>;
  return (
    <CsvTable
      id="amphi-classroom-recordings"
      testId="classroom-recordings-table"
      caption={t('classroomAnalytics.recordings.caption')}
      header={[t('classroomAnalytics.col.recording'), t('classroomAnalytics.col.viewers')]}
      numeric={[false, true]}
      rows={recordings.map((r) => ({ key: r.resourceId, text: [r.title, f.number(r.viewers)] }))}
    />
  );
}
