import { useEffect, useRef } from 'preact/hooks';
import type { CreatedLrsCredential } from '../api/admin-api.js';
import { useI18n } from '../i18n/I18nContext.js';
import { CopyField } from './CopyField.js';

/** The one time a credential's secret is shown: key, secret, endpoint to copy; gone once dismissed. */
export function NewCredentialNotice({ credential, onDone }: { credential: CreatedLrsCredential; onDone: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [credential.id]);
  return (
    <div class="amphi-card amphi-stack amphi-admin-secret" data-testid="admin-new-credential">
      <h3 ref={heading} tabIndex={-1}>
        {t('admin.credentials.created.heading')}
      </h3>
      <p>{t('admin.credentials.created.once')}</p>
      <CopyField label={t('admin.credentials.key')} value={credential.key} testId="admin-new-credential-key" />
      <CopyField label={t('admin.credentials.created.secret')} value={credential.secret} testId="admin-new-credential-secret" />
      <CopyField label={t('admin.credentials.created.endpoint')} value={credential.endpoint} testId="admin-new-credential-endpoint" />
      <div class="amphi-actions">
        <button type="button" class="amphi-button" data-testid="admin-new-credential-done" onClick={onDone}>
          {t('admin.credentials.created.done')}
        </button>
      </div>
    </div>
  );
}
