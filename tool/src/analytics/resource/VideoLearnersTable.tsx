import type { VideoLearnerRow } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { learnerLabel } from '../shared/learner-label.js';
import { LearnerName } from '../shared/LearnerName.js';
import { useFormats } from '../useFormats.js';

/** Each learner's share watched, completion and last view. */
export function VideoLearnersTable({ learners }: { learners: VideoLearnerRow[] }) {
  const { t } = useI18n();
  const f = useFormats();
  if (!learners.length) return <p class="amphi-muted">{t('videoAnalytics.learners.none')}</p>;
  return (
    <CsvTable
      id="amphi-video-learners"
      testId="video-learners-table"
      caption={t('videoAnalytics.learners.caption')}
      header={[t('analytics.col.learner'), t('videoAnalytics.col.watched'), t('videoAnalytics.col.completed'), t('videoAnalytics.col.lastViewed')]}
      numeric={[false, true, false, false]}
      rows={learners.map((row) => {
        const text = [
          learnerLabel(row.learner, t),
          f.percent(row.watchedShare),
          row.completed ? t('analytics.yes') : t('analytics.no'),
          row.lastViewed ? f.dateTime(row.lastViewed) : t('analytics.never'),
        ];
        return { key: row.learner.id, text, cells: [<LearnerName learner={row.learner} />, ...text.slice(1)] };
      })}
    />
  );
}
