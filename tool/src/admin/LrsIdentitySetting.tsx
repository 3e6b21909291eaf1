import { useState } from 'preact/hooks';
import { saveLrsIdentity, type LrsIdentity, type PlatformSettings } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useAdminAction } from './useAdminAction.js';

interface Props {
  settings: PlatformSettings;
  onChanged: (settings: PlatformSettings) => void;
}

/** How Amphi names this platform's users in the xAPI statements it writes (`amphi platform lrs-identity`). */
export function LrsIdentitySetting({ settings, onChanged }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const [identity, setIdentity] = useState<LrsIdentity>(settings.lrsIdentity);
  const action = useAdminAction();
  return (
    <form
      class="amphi-form amphi-card"
      noValidate
      data-testid="admin-lrs-identity"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(async () => {
          onChanged(await saveLrsIdentity(client, identity));
          return t('admin.saved');
        });
      }}
    >
      <ChoiceGroup<LrsIdentity>
        legend={t('admin.platform.identity')}
        value={identity}
        testId="admin-lrs-identity-choice"
        options={[
          { value: 'pseudonymous', label: t('admin.platform.identity.pseudonymous'), hint: t('admin.platform.identity.pseudonymous.hint') },
          { value: 'email', label: t('admin.platform.identity.email'), hint: t('admin.platform.identity.email.hint') },
        ]}
        onChange={(value) => {
          action.clearStatus();
          setIdentity(value);
        }}
      />
      {action.error && <ApiErrorAlert error={action.error} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" aria-disabled={action.busy} data-testid="admin-lrs-identity-save">
          {t('admin.save')}
        </button>
      </div>
      <StatusMessage text={action.status} testId="admin-lrs-identity-status" />
    </form>
  );
}
