import type { ClassroomLearnerRow } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { learnerLabel } from '../shared/learner-label.js';
import { LearnerName } from '../shared/LearnerName.js';
import { useFormats } from '../useFormats.js';

/** Per learner over the period: sessions, minutes, participation and recordings watched. */
export function ClassroomLearnersTable({ learners }: { learners: ClassroomLearnerRow[] }) {
  const { t } = useI18n();
  const f = useFormats();
  if (!learners.length) return <p class="amphi-muted">{t('classroomAnalytics.learners.none')}</p>;
  return (
    <CsvTable
      id="amphi-classroom-learners"
      testId="classroom-learners-table"
      caption={t('classroomAnalytics.learners.caption')}
      header={[
        t('analytics.col.learner'),
        t('classroomAnalytics.col.sessions'),
        t('classroomAnalytics.col.minutes'),
        t('classroomAnalytics.col.talk'),
        t('classroomAnalytics.col.chats'),
        t('classroomAnalytics.col.hands'),
        t('classroomAnalytics.col.polls'),
        t('classroomAnalytics.col.recordings'),
      ]}
      numeric={[false, true, true, true, true, true, true, true]}
      rows={learners.map((row) => {
        const figures = [row.sessionsAttended, row.minutesAttended, row.talkMinutes, row.chats, row.raisedHands, row.pollVotes, row.recordingsWatched].map(f.number);
        return { key: row.learner.id, text: [learnerLabel(row.learner, t), ...figures], cells: [<LearnerName learner={row.learner} />, ...figures] };
      })}
    />
  );
}
