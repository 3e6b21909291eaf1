import { useEffect, useMemo } from 'preact/hooks';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { lazyView } from '../components/lazy-view.js';
import { useAdminPageOpen } from '../admin/admin-view.js';
import { AdminArea } from './AdminArea.js';
import { LaunchHeadingContext, pageTitle } from './LaunchHeadingContext.js';
import { RouteView } from './RouteView.js';

interface Props {
  session: SessionResponse;
  expired: boolean;
  onSessionChange: (session: SessionResponse) => void;
}

// Administrators only: its code stays out of every other launch.
const AdminPage = lazyView(() => import('../admin/AdminPage.js').then((m) => m.AdminPage), 'admin.loading');

/**
 * The launch as the front end received it: where it leads and, for the platform's administrators,
 * an Administration area at the end (its button shows the administration page in the content's
 * place). One h1 with the course once below it: the link's title or
 * the page's purpose here; for a resource, its header writes them (ResourceHeader).
 */
export function LaunchPage({ session, expired, onSessionChange }: Props) {
  const { t } = useI18n();
  const adminOpen = useAdminPageOpen() && session.role === 'admin';
  const title = session.resourceLink?.title || t(session.route.name === 'deep-linking' ? 'picker.pageTitle' : 'app.defaultTitle');
  const course = [session.context?.title, session.context?.label].filter(Boolean).join(' · ');
  const resourceShown = session.route.name === 'resource';
  const linkTitle = session.resourceLink?.title || null;
  const heading = useMemo(() => ({ linkTitle }), [linkTitle]);

  // A resource's header names the page (and its tab) once the resource is read.
  useEffect(() => {
    if (!resourceShown && !adminOpen) document.title = pageTitle(title, t('app.name'));
  }, [resourceShown, adminOpen, title, t]);

  return (
    <LaunchHeadingContext.Provider value={heading}>
      <div class={session.inText ? 'amphi-stack amphi-in-text' : 'amphi-stack'}>
        {!resourceShown && !adminOpen && (
          // In a text, the course page around the frame already says where this is: only the content shows.
          <div class={session.inText ? 'amphi-visually-hidden' : 'amphi-page-heading'} data-testid="launch-heading">
            <h1>{title}</h1>
            {course && (
              <p class="amphi-muted" data-testid="launch-course">
                {course}
              </p>
            )}
          </div>
        )}
        {expired && <ErrorAlert message={t('session.expired')} />}
        {adminOpen ? (
          <AdminPage session={session} />
        ) : (
          <>
            <RouteView session={session} onSessionChange={onSessionChange} />
            {session.role === 'admin' && <AdminArea session={session} />}
          </>
        )}
      </div>
    </LaunchHeadingContext.Provider>
  );
}
