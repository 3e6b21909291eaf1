import { useI18n } from '../i18n/I18nContext.js';
import { displayName } from '../session/display-name.js';
import type { SessionResponse } from '../session/session-types.js';

/** Who Amphi sees, with which role: what decides what the page offers (a teacher's tools or not). */
export function UserBadge({ session }: { session: SessionResponse }) {
  const { t } = useI18n();
  return (
    <p class="amphi-user">
      <span class="amphi-visually-hidden">{t('summary.user')} </span>
      <span class="amphi-user-name" data-testid="user-name">
        {displayName(session.user) ?? t('summary.anonymous')}
      </span>
      <span aria-hidden="true"> · </span>
      <span class="amphi-user-role" data-testid="user-role" data-value={session.role}>
        {t(`role.${session.role}`)}
      </span>
    </p>
  );
}
