import { useEffect } from 'preact/hooks';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { LaunchSummary } from './LaunchSummary.js';
import { RouteView } from './RouteView.js';

interface Props {
  session: SessionResponse;
  expired: boolean;
  onSessionChange: (session: SessionResponse) => void;
}

/** The launch as the front end received it: where it leads, and who opened it from where. */
export function LaunchPage({ session, expired, onSessionChange }: Props) {
  const { t } = useI18n();
  const title = session.resourceLink?.title || t(session.route.name === 'deep-linking' ? 'picker.pageTitle' : 'app.defaultTitle');
  const course = [session.context?.title, session.context?.label].filter(Boolean).join(' · ');

  useEffect(() => {
    document.title = title === t('app.name') ? title : `${title} · ${t('app.name')}`;
  }, [title, t]);

  return (
    <div class={session.inText ? 'amphi-stack amphi-in-text' : 'amphi-stack'}>
      {/* In a text, the course page around the frame already says where this is: only the content shows. */}
      <div class={session.inText ? 'amphi-visually-hidden' : 'amphi-page-heading'} data-testid="launch-heading">
        <h1>{title}</h1>
        {course && <p class="amphi-muted">{course}</p>}
      </div>
      {expired && <ErrorAlert message={t('session.expired')} />}
      <RouteView session={session} onSessionChange={onSessionChange} />
      <LaunchSummary session={session} />
    </div>
  );
}
