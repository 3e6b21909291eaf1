import { useState } from 'preact/hooks';
import { createLrsCredential, LRS_SCOPES, type CreatedLrsCredential, type LrsScope } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { FieldError } from '../components/FieldError.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useAdminAction } from './useAdminAction.js';

/** Name and scopes of a new credential (`amphi lrs credentials create`); the server answers its secret once. */
export function CreateCredentialForm({ onCreated }: { onCreated: (credential: CreatedLrsCredential) => void }) {
  const { t } = useI18n();
  const client = useApi();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<LrsScope[]>(['statements/write']);
  const [missing, setMissing] = useState(false);
  const action = useAdminAction();
  const toggle = (scope: LrsScope, on: boolean) => setScopes((s) => (on ? [...s, scope] : s.filter((x) => x !== scope)));
  const submit = () => {
    setMissing(scopes.length === 0);
    if (scopes.length === 0) return;
    void action.run(async () => {
      const created = await createLrsCredential(client, { ...(name.trim() ? { name: name.trim() } : {}), scopes });
      setName('');
      onCreated(created);
      return '';
    });
  };
  return (
    <form
      class="amphi-form amphi-card"
      noValidate
      data-testid="admin-create-credential"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <h3>{t('admin.credentials.create')}</h3>
      <TextField label={t('admin.credentials.create.name')} hint={t('admin.credentials.create.name.hint')} value={name} testId="admin-credential-name" onInput={setName} />
      <fieldset class="amphi-fieldset" aria-describedby={missing ? 'amphi-admin-scopes-error' : undefined} data-testid="admin-credential-scopes">
        <legend>{t('admin.credentials.create.scopes')}</legend>
        {LRS_SCOPES.map((scope) => (
          <div class="amphi-check" key={scope}>
            <input id={`amphi-admin-scope-${scope}`} type="checkbox" checked={scopes.includes(scope)} onChange={(event) => toggle(scope, (event.currentTarget as HTMLInputElement).checked)} />
            <label for={`amphi-admin-scope-${scope}`}>
              <code>{scope}</code>
            </label>
          </div>
        ))}
        {missing && <FieldError id="amphi-admin-scopes-error" error={{ text: t('admin.credentials.create.scopes.none') }} />}
      </fieldset>
      {action.error && <ApiErrorAlert error={action.error} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" aria-disabled={action.busy} data-testid="admin-credential-create">
          {t('admin.credentials.create')}
        </button>
      </div>
    </form>
  );
}
