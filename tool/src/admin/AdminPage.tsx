import { useEffect, useRef, useState } from 'preact/hooks';
import { getBbbXapi } from '../api/admin-api.js';
import { useApiData } from '../api/useApiData.js';
import { BbbServerSetting } from '../classroom/server/BbbServerSetting.js';
import { Tabs, type TabItem } from '../components/Tabs.js';
import { useI18n } from '../i18n/I18nContext.js';
import { pageTitle } from '../launch/LaunchHeadingContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { setAdminPageOpen } from './admin-view.js';
import { BbbXapiSection } from './BbbXapiSection.js';
import { CredentialsSection } from './CredentialsSection.js';
import { ForwardingSection } from './ForwardingSection.js';
import { JobsSection } from './JobsSection.js';
import { PlatformSection } from './PlatformSection.js';
import '../styles/admin.css';

type Section = 'platform' | 'bbb' | 'credentials' | 'forwarding' | 'jobs' | 'bbbXapi';

/**
 * The administration page of the session's platform (LTI Administrator launches only), shown in
 * place of the launch's content. Its one h1 names the platform; each tab's panel has an h2.
 */
export function AdminPage({ session }: { session: SessionResponse }) {
  const { t } = useI18n();
  const [section, setSection] = useState<Section>('platform');
  const heading = useRef<HTMLHeadingElement>(null);
  // BigBlueButton's xAPI exists only when the server answers for it: no tab otherwise.
  const bbbXapi = useApiData(getBbbXapi, []);

  const title = t('admin.heading', { platform: session.platform.name });
  useEffect(() => {
    heading.current?.focus();
  }, []);
  useEffect(() => {
    document.title = pageTitle(title, t('app.name'));
  }, [title, t]);

  const tabs: TabItem<Section>[] = [
    { id: 'platform', label: t('admin.tab.platform'), testId: 'admin-tab-platform' },
    { id: 'bbb', label: t('admin.tab.bbb'), testId: 'admin-tab-bbb' },
    { id: 'credentials', label: t('admin.tab.credentials'), testId: 'admin-tab-credentials' },
    { id: 'forwarding', label: t('admin.tab.forwarding'), testId: 'admin-tab-forwarding' },
    { id: 'jobs', label: t('admin.tab.jobs'), testId: 'admin-tab-jobs' },
    ...(bbbXapi.status === 'ready' ? [{ id: 'bbbXapi' as const, label: t('admin.tab.bbbXapi'), testId: 'admin-tab-bbb-xapi' }] : []),
  ];

  return (
    <div class="amphi-stack amphi-admin-page" data-testid="admin-page">
      <div class="amphi-page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        <p class="amphi-muted">{t('admin.intro')}</p>
      </div>
      <div class="amphi-actions">
        <button type="button" class="amphi-button amphi-button-secondary" data-testid="admin-page-close" onClick={() => setAdminPageOpen(false)}>
          {t('admin.back')}
        </button>
      </div>
      <Tabs label={t('admin.tabs')} idPrefix="amphi-admin" tabs={tabs} selected={section} onSelect={setSection}>
        {section === 'platform' && <PlatformSection />}
        {section === 'bbb' && (
          <>
            {/* The shared setting titles itself with an h3 (it sits under the classroom's tabs too). */}
            <h2 class="amphi-visually-hidden">{t('admin.tab.bbb')}</h2>
            <BbbServerSetting testId="admin-bbb-server" />
          </>
        )}
        {section === 'credentials' && <CredentialsSection />}
        {section === 'forwarding' && <ForwardingSection />}
        {section === 'jobs' && <JobsSection />}
        {section === 'bbbXapi' && bbbXapi.status === 'ready' && <BbbXapiSection settings={bbbXapi.data} onChanged={bbbXapi.replace} />}
      </Tabs>
    </div>
  );
}
