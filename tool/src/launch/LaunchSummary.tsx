import { useI18n } from '../i18n/I18nContext.js';
import { displayName } from '../session/display-name.js';
import type { SessionResponse } from '../session/session-types.js';
import { SummaryItem } from './SummaryItem.js';

/** Who launched, with which role, from which course and platform, in which language. */
export function LaunchSummary({ session }: { session: SessionResponse }) {
  const { t } = useI18n();
  const name = displayName(session.user);
  const courseTitle = session.context?.title || session.context?.label;
  const courseLabel = session.context?.title ? session.context.label : null;
  return (
    <dl class="amphi-summary" data-testid="launch-summary">
      <SummaryItem label={t('summary.user')}>
        <span data-testid="summary-user-name">{name ?? t('summary.anonymous')}</span>
        {session.user?.email && <span class="amphi-muted amphi-block">{session.user.email}</span>}
      </SummaryItem>
      <SummaryItem label={t('summary.role')}>
        <span data-testid="summary-user-role" data-value={session.role}>
          {t(`role.${session.role}`)}
        </span>
      </SummaryItem>
      <SummaryItem label={t('summary.course')}>
        <span data-testid="course-title">{courseTitle || t('summary.noCourse')}</span>
        {courseLabel && (
          <span class="amphi-muted amphi-block" data-testid="course-label">
            {courseLabel}
          </span>
        )}
      </SummaryItem>
      <SummaryItem label={t('summary.platform')}>
        <span data-testid="platform-name">{session.platform.name}</span>
      </SummaryItem>
      <SummaryItem label={t('summary.locale')}>
        <span data-testid="locale" data-value={session.locale}>
          {t(`language.${session.locale}`)}
        </span>
      </SummaryItem>
    </dl>
  );
}
