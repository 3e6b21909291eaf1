import { useId } from 'preact/hooks';
import { listResources } from '../api/content-api.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { FieldError, type FieldMessage } from '../components/FieldError.js';
import { LoadingState } from '../components/LoadingState.js';
import { useI18n } from '../i18n/I18nContext.js';

interface Props {
  selected: string[];
  error?: FieldMessage;
  onChange: (resourceIds: string[]) => void;
}

/** The course's videos and classrooms as checkboxes: the ones a dashboard's figures cover. */
export function DashboardResourceChoice({ selected, error, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const resources = useApiData((client) => listResources(client, { source: 'current' }), []);
  const choices = (resources.data ?? []).filter((r) => r.kind !== 'dashboard');
  const toggle = (resourceId: string, on: boolean) => onChange(on ? [...selected, resourceId] : selected.filter((x) => x !== resourceId));
  return (
    <fieldset class="amphi-fieldset" data-testid="dashboard-resources">
      <legend>{t('form.dashboard.resources')}</legend>
      {resources.status === 'error' && <ApiErrorAlert error={resources.error} />}
      {!resources.data && resources.status === 'loading' && <LoadingState label={t('form.dashboard.resources.loading')} />}
      {resources.data && choices.length === 0 && <p class="amphi-muted">{t('form.dashboard.resources.none')}</p>}
      {choices.map((r) => (
        <div class="amphi-check" key={r.id}>
          <input
            id={`${id}-${r.id}`}
            type="checkbox"
            value={r.id}
            checked={selected.includes(r.id)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            onChange={(event) => toggle(r.id, (event.currentTarget as HTMLInputElement).checked)}
          />
          <label for={`${id}-${r.id}`}>
            {r.title} <span class="amphi-muted amphi-small">({t(`kind.${r.kind}`)})</span>
          </label>
        </div>
      ))}
      {error && <FieldError id={`${id}-error`} error={error} />}
    </fieldset>
  );
}
