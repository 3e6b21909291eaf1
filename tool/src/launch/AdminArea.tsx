import { AdminPageLink } from '../admin/AdminPageLink.js';
import { BbbServerAdminSection } from '../classroom/server/BbbServerAdminSection.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { LaunchSummary } from './LaunchSummary.js';

const HEADING_ID = 'amphi-admin-heading';

/**
 * For the platform's administrators only, at the end of every page: what this launch told Amphi
 * (folded: it is for diagnosis) and the platform's settings, reachable without opening a classroom.
 */
export function AdminArea({ session }: { session: SessionResponse }) {
  const { t } = useI18n();
  const { route } = session;
  // A classroom's own Server tab already holds the setting: one copy per page.
  const classroomTab = route.name === 'resource' && route.kind === 'classroom' && !route.readOnly;
  return (
    <section class="amphi-card amphi-admin" aria-labelledby={HEADING_ID} data-testid="admin-area">
      <div class="amphi-page-heading">
        <h2 id={HEADING_ID}>{t('shell.admin.heading')}</h2>
        <p class="amphi-muted">{t('shell.admin.intro')}</p>
      </div>
      <AdminPageLink />
      <details class="amphi-disclosure" data-testid="launch-details">
        <summary>{t('summary.heading')}</summary>
        <LaunchSummary session={session} />
      </details>
      {!classroomTab && <BbbServerAdminSection />}
    </section>
  );
}
