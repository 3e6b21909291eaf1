import { useState } from 'preact/hooks';
import { saveUploadLimit, type PlatformSettings } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import type { FieldMessage } from '../components/FieldError.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { useAdminAction } from './useAdminAction.js';

const MIB = 1024 * 1024;

interface Props {
  settings: PlatformSettings;
  onChanged: (settings: PlatformSettings) => void;
}

/** The largest video this platform's teachers may upload: lower than the server's, or the server's (`amphi platform video-limit`). */
export function UploadLimitSetting({ settings, onChanged }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const { maxBytes, serverMaxBytes, own } = settings.upload;
  const maxMib = Math.floor(serverMaxBytes / MIB);
  const [value, setValue] = useState(String(Math.floor(maxBytes / MIB)));
  const [error, setError] = useState<FieldMessage | null>(null);
  const action = useAdminAction();

  const save = (bytes: number | null) =>
    action.run(async () => {
      const saved = await saveUploadLimit(client, bytes);
      setValue(String(Math.floor(saved.upload.maxBytes / MIB)));
      onChanged(saved);
      return t('admin.saved');
    });
  const submit = () => {
    const mib = Number(value.trim());
    if (!/^\d+$/.test(value.trim()) || mib < 1 || mib > maxMib) {
      setError({ text: t('admin.platform.upload.invalid', { max: String(maxMib) }) });
      return;
    }
    setError(null);
    void save(mib * MIB);
  };

  return (
    <form
      class="amphi-form amphi-card"
      noValidate
      data-testid="admin-upload-limit"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3>{t('admin.platform.upload')}</h3>
      <p data-testid="admin-upload-current">
        {t('admin.platform.upload.current', {
          size: format.size(maxBytes),
          source: t(own ? 'admin.platform.upload.own' : 'admin.platform.upload.server'),
        })}
      </p>
      <TextField
        label={t('admin.platform.upload.field')}
        hint={t('admin.platform.upload.hint', { size: format.size(serverMaxBytes) })}
        type="number"
        min={1}
        max={maxMib}
        step={1}
        value={value}
        error={error}
        testId="admin-upload-limit-input"
        onInput={(next) => {
          action.clearStatus();
          setValue(next);
        }}
      />
      {action.error && <ApiErrorAlert error={action.error} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" aria-disabled={action.busy} data-testid="admin-upload-limit-save">
          {t('admin.save')}
        </button>
        {own && (
          <button type="button" class="amphi-button amphi-button-secondary" aria-disabled={action.busy} data-testid="admin-upload-limit-reset" onClick={() => void save(null)}>
            {t('admin.platform.upload.reset')}
          </button>
        )}
      </div>
      <StatusMessage text={action.status} testId="admin-upload-limit-status" />
    </form>
  );
}
