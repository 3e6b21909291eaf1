import { useState } from 'preact/hooks';
import { listLrsCredentials, revokeLrsCredential, type CreatedLrsCredential } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { CreateCredentialForm } from './CreateCredentialForm.js';
import { CredentialsTable } from './CredentialsTable.js';
import { NewCredentialNotice } from './NewCredentialNotice.js';
import { useAdminAction } from './useAdminAction.js';

/** This platform's LRS credentials: list, create (the secret shown once), revoke after asking. */
export function CredentialsSection() {
  const { t } = useI18n();
  const client = useApi();
  const list = useApiData(listLrsCredentials, []);
  const [created, setCreated] = useState<CreatedLrsCredential | null>(null);
  const action = useAdminAction();
  const revoke = (id: string, name: string) =>
    action.run(async () => {
      await revokeLrsCredential(client, id);
      list.reload();
      // The row's button is gone with the credential's state: focus stays in the table.
      document.getElementById('amphi-admin-credentials-caption')?.focus();
      return t('admin.credentials.revoked', { name });
    });
  return (
    <div class="amphi-stack" data-testid="admin-credentials">
      <h2>{t('admin.credentials.heading')}</h2>
      <p class="amphi-muted">{t('admin.credentials.intro')}</p>
      {created && (
        <NewCredentialNotice
          credential={created}
          onDone={() => {
            setCreated(null);
            document.getElementById('amphi-admin-credentials-caption')?.focus();
          }}
        />
      )}
      {action.error && <ApiErrorAlert error={action.error} />}
      <StatusMessage text={action.status} testId="admin-credentials-status" />
      {!list.data ? (
        list.status === 'error' ? <ApiErrorAlert error={list.error} /> : <LoadingState label={t('admin.loading')} />
      ) : list.data.credentials.length === 0 ? (
        <p class="amphi-muted" id="amphi-admin-credentials-caption" tabIndex={-1} data-testid="admin-credentials-empty">
          {t('admin.credentials.none')}
        </p>
      ) : (
        <CredentialsTable credentials={list.data.credentials} busy={action.busy} onRevoke={revoke} />
      )}
      <CreateCredentialForm
        onCreated={(credential) => {
          setCreated(credential);
          list.reload();
        }}
      />
    </div>
  );
}
