import type { ClassroomSessionRow } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { useFormats } from '../useFormats.js';

/** Per session: who came, minutes, talk, chat, raised hands and poll votes. */
export function ClassroomSessionsTable({ sessions }: { sessions: ClassroomSessionRow[] }) {
  const { t } = useI18n();
  const f = useFormats();
  return (
    <CsvTable
      id="amphi-classroom-sessions"
      testId="classroom-sessions-table"
      caption={t('classroomAnalytics.sessions.caption')}
      header={[
        t('classroomAnalytics.session'),
        t('classroomAnalytics.present'),
        t('classroomAnalytics.absent'),
        t('classroomAnalytics.col.minutes'),
        t('classroomAnalytics.col.talk'),
        t('classroomAnalytics.col.chats'),
        t('classroomAnalytics.col.hands'),
        t('classroomAnalytics.col.polls'),
      ]}
      numeric={[false, true, true, true, true, true, true, true]}
      rows={sessions.map((s) => ({
        key: s.meetingId,
        text: [
          f.dateTime(s.startedAt),
          ...[s.present, s.absent, s.minutesAttended, s.talkMinutes, s.chats, s.raisedHands, s.pollVotes].map(f.number),
        ],
      }))}
    />
  );
}
