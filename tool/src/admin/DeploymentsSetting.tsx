import { useState } from 'preact/hooks';
import { saveDeploymentsPolicy, type PlatformSettings } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useAdminAction } from './useAdminAction.js';

interface Props {
  settings: PlatformSettings;
  onChanged: (settings: PlatformSettings) => void;
}

/** The deployments Amphi knows for this platform, and whether a new one is accepted on its first launch. */
export function DeploymentsSetting({ settings, onChanged }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const [allow, setAllow] = useState(settings.allowNewDeployments);
  const action = useAdminAction();
  const save = () =>
    action.run(async () => {
      onChanged(await saveDeploymentsPolicy(client, allow));
      return t('admin.saved');
    });
  return (
    <form
      class="amphi-form amphi-card"
      noValidate
      data-testid="admin-deployments"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>{t('admin.platform.deployments')}</h3>
      {settings.deploymentIds.length === 0 ? (
        <p class="amphi-muted">{t('admin.platform.deployments.none')}</p>
      ) : (
        <ul class="amphi-admin-list" data-testid="admin-deployment-ids">
          {settings.deploymentIds.map((id) => (
            <li key={id}>
              <code>{id}</code>
            </li>
          ))}
        </ul>
      )}
      <CheckboxField
        label={t('admin.platform.allowNew')}
        hint={t('admin.platform.allowNew.hint')}
        checked={allow}
        testId="admin-allow-new-deployments"
        onChange={(value) => {
          action.clearStatus();
          setAllow(value);
        }}
      />
      {action.error && <ApiErrorAlert error={action.error} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" aria-disabled={action.busy} data-testid="admin-deployments-save">
          {t('admin.save')}
        </button>
      </div>
      <StatusMessage text={action.status} testId="admin-deployments-status" />
    </form>
  );
}
