import { getPlatformSettings } from '../api/admin-api.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nContext.js';
import { DeploymentsSetting } from './DeploymentsSetting.js';
import { LrsIdentitySetting } from './LrsIdentitySetting.js';
import { UploadLimitSetting } from './UploadLimitSetting.js';

/** The platform's registration (read only) and the settings its administrators may change. */
export function PlatformSection() {
  const { t } = useI18n();
  const settings = useApiData(getPlatformSettings, []);
  if (!settings.data) {
    return settings.status === 'error' ? <ApiErrorAlert error={settings.error} /> : <LoadingState label={t('admin.loading')} />;
  }
  const data = settings.data;
  return (
    <div class="amphi-stack" data-testid="admin-platform">
      <h2>{t('admin.platform.heading')}</h2>
      <dl class="amphi-admin-facts">
        <dt>{t('admin.platform.issuer')}</dt>
        <dd>
          <code>{data.issuer}</code>
        </dd>
        <dt>{t('admin.platform.clientId')}</dt>
        <dd>
          <code>{data.clientId}</code>
        </dd>
      </dl>
      <DeploymentsSetting settings={data} onChanged={settings.replace} />
      <LrsIdentitySetting settings={data} onChanged={settings.replace} />
      <UploadLimitSetting settings={data} onChanged={settings.replace} />
    </div>
  );
}
