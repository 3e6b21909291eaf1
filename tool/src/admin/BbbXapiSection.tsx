import { disableBbbXapi, rotateBbbXapi, type BbbXapiSettings } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { CopyField } from './CopyField.js';
import { useAdminAction } from './useAdminAction.js';

interface Props {
  settings: BbbXapiSettings;
  onChanged: (settings: BbbXapiSettings) => void;
}

/**
 * BigBlueButton's own xAPI statements: the per-platform payload BBB's meta_secret-lrs-payload
 * carries to Amphi's LRS. Turn on, replace (the old payload stops working), turn off.
 */
export function BbbXapiSection({ settings, onChanged }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const action = useAdminAction();
  const rotate = () =>
    action.run(async () => {
      onChanged(await rotateBbbXapi(client));
      return t('admin.bbbXapi.rotated');
    });
  const disable = () =>
    action.run(async () => {
      onChanged(await disableBbbXapi(client));
      return t('admin.bbbXapi.disabledNow');
    });
  return (
    <div class="amphi-stack" data-testid="admin-bbb-xapi">
      <h2>{t('admin.bbbXapi.heading')}</h2>
      <p class="amphi-muted">{t('admin.bbbXapi.intro')}</p>
      <p data-testid="admin-bbb-xapi-state">
        {settings.enabled && settings.createdAt ? t('admin.bbbXapi.enabled', { date: format.dateTime(settings.createdAt) }) : t('admin.bbbXapi.disabled')}
      </p>
      {settings.enabled && settings.lrsEndpoint && <CopyField label={t('admin.bbbXapi.endpoint')} value={settings.lrsEndpoint} testId="admin-bbb-xapi-endpoint" />}
      {settings.enabled && settings.payload && <CopyField label={t('admin.bbbXapi.payload')} value={settings.payload} testId="admin-bbb-xapi-payload" />}
      {action.error && <ApiErrorAlert error={action.error} />}
      <div class="amphi-actions">
        {settings.enabled ? (
          <>
            <ConfirmButton
              question={t('admin.bbbXapi.rotate.question')}
              confirmLabel={t('admin.bbbXapi.rotate')}
              cancelLabel={t('admin.cancel')}
              busy={action.busy}
              small={false}
              testId="admin-bbb-xapi-rotate"
              onConfirm={rotate}
            >
              {t('admin.bbbXapi.rotate')}
            </ConfirmButton>
            <ConfirmButton
              question={t('admin.bbbXapi.disable.question')}
              confirmLabel={t('admin.bbbXapi.disable')}
              cancelLabel={t('admin.cancel')}
              busy={action.busy}
              danger
              small={false}
              testId="admin-bbb-xapi-disable"
              onConfirm={disable}
            >
              {t('admin.bbbXapi.disable')}
            </ConfirmButton>
          </>
        ) : (
          <button type="button" class="amphi-button" aria-disabled={action.busy} data-testid="admin-bbb-xapi-enable" onClick={() => void rotate()}>
            {t('admin.bbbXapi.enable')}
          </button>
        )}
      </div>
      <StatusMessage text={action.status} testId="admin-bbb-xapi-status" />
    </div>
  );
}
