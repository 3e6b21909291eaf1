import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { TextField } from '../../components/TextField.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { removeBbbServer, saveBbbServer, testBbbServer, type BbbServerResponse } from './bbb-server-api.js';
import { draftFromServer, fieldErrorsOf, toBody, validateDraft, type BbbServerDraft, type BbbServerErrors } from './bbb-server-draft.js';
import { AlgorithmSelect } from './AlgorithmSelect.js';
import { RemoveServerButton } from './RemoveServerButton.js';
import { SecretField } from './SecretField.js';

type Busy = 'save' | 'test' | 'remove' | null;

interface Props {
  server: BbbServerResponse;
  onChanged: (server: BbbServerResponse) => void;
}

/** The administrator's form: URL, secret, algorithm; Save, Test connection, Remove. */
export function BbbServerForm({ server, onChanged }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const [draft, setDraft] = useState<BbbServerDraft>(() => draftFromServer(server));
  const [errors, setErrors] = useState<BbbServerErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [status, setStatus] = useState('');
  const [test, setTest] = useState<{ ok: boolean; message: string } | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const focusInvalid = useRef(false);

  useLayoutEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const change = (patch: Partial<BbbServerDraft>) => {
    setStatus('');
    setDraft((d) => ({ ...d, ...patch }));
  };
  const showErrors = (fields: BbbServerErrors) => {
    focusInvalid.current = Object.keys(fields).length > 0;
    setErrors(fields);
  };
  /** Runs one action; a refusal about a field goes under that field, anything else in an alert. */
  async function act(kind: Exclude<Busy, null>, work: () => Promise<void>) {
    if (busy) return;
    setFailure(null);
    setStatus('');
    setBusy(kind);
    try {
      await work();
    } catch (err) {
      const error = toApiError(err);
      const fields = fieldErrorsOf(error, t);
      if (fields) showErrors(fields);
      else setFailure(error);
    } finally {
      setBusy(null);
    }
  }

  const save = () => {
    const local = validateDraft(draft, server.configured, t);
    showErrors(local);
    if (Object.keys(local).length) return;
    void act('save', async () => {
      const saved = await saveBbbServer(client, toBody(draft));
      setDraft(draftFromServer(saved));
      setStatus(t('servers.saved'));
      onChanged(saved);
    });
  };
  const runTest = () => {
    showErrors({});
    setTest(null);
    void act('test', async () => {
      const body = draft.url.trim() ? toBody(draft) : {};
      const result = await testBbbServer(client, body);
      setTest({ ok: result.ok, message: result.message });
    });
  };
  const remove = () =>
    act('remove', async () => {
      const removed = await removeBbbServer(client);
      setDraft(draftFromServer(removed));
      showErrors({});
      setTest(null);
      setStatus(t('servers.removed'));
      onChanged(removed);
    });

  return (
    <form
      class="amphi-form amphi-card"
      ref={formRef}
      noValidate
      data-testid="bbb-server-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <p class="amphi-hint">{t('servers.form.intro')}</p>
      <TextField
        label={t('servers.form.url')}
        hint={t('servers.form.url.hint')}
        required
        value={draft.url}
        error={errors.url ?? null}
        testId="bbb-server-url"
        onInput={(url) => change({ url })}
      />
      {server.configured && server.secure === false && <p class="amphi-bbb-server-warning" data-testid="bbb-server-insecure">{t('servers.insecure')}</p>}
      <SecretField
        label={t('servers.form.secret')}
        hint={server.configured ? t('servers.form.secret.keep', { fingerprint: server.secretFingerprint ?? '—' }) : t('servers.form.secret.hint')}
        required={!server.configured}
        value={draft.secret}
        error={errors.secret}
        onInput={(secret) => change({ secret })}
      />
      <AlgorithmSelect value={draft.checksumAlgorithm} error={errors.checksumAlgorithm} onChange={(checksumAlgorithm) => change({ checksumAlgorithm })} />
      {failure && <ApiErrorAlert error={failure} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" aria-disabled={busy !== null} data-testid="bbb-server-save">
          {busy === 'save' ? t('servers.form.saving') : t('servers.form.save')}
        </button>
        <button type="button" class="amphi-button amphi-button-secondary" aria-disabled={busy !== null} data-testid="bbb-server-test" onClick={runTest}>
          {busy === 'test' ? t('servers.form.testing') : t('servers.form.test')}
        </button>
        {server.configured && <RemoveServerButton busy={busy !== null} onConfirm={remove} />}
      </div>
      <p
        class={`amphi-bbb-server-test ${test ? (test.ok ? 'is-ok' : 'is-failed') : ''}`}
        role="status"
        aria-live="polite"
        data-testid="bbb-server-test-result"
      >
        {test?.message ?? ''}
      </p>
      <StatusMessage text={status} testId="bbb-server-status" />
    </form>
  );
}
