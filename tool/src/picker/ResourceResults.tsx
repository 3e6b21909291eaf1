import { listResources } from '../api/content-api.js';
import type { ResourceKind, ResourceResponse } from '../api/api-types.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { plural } from '../i18n/plural.js';
import { ResourceOption } from './ResourceOption.js';
import { sourceParam, type SourceValue } from './selection.js';

interface Props {
  idPrefix: string;
  kind: ResourceKind;
  source: SourceValue;
  /** Already debounced. */
  query: string;
  /** Changes when the list must be loaded again (a resource was just created). */
  refreshKey: number;
  multiple: boolean;
  selectedIds: string[];
  /** The resource the link shows now (Change content), marked and not offered. */
  currentId?: string;
  onToggle: (resource: ResourceResponse, on: boolean) => void;
}

/** The resources matching the filters, as a group of checkboxes or radio buttons; the count is announced. */
export function ResourceResults({ idPrefix, kind, source, query, refreshKey, multiple, selectedIds, currentId, onToggle }: Props) {
  const { t, locale } = useI18n();
  const results = useApiData((client) => listResources(client, { kind, q: query, source: sourceParam(source) }), [kind, source, query, refreshKey]);
  const items = results.data ?? [];
  const status =
    results.status === 'loading' ? t('picker.results.loading') : results.status === 'error' ? '' : plural(locale, 'picker.results', items.length);

  return (
    <div class="amphi-results" aria-busy={results.status === 'loading'}>
      <StatusMessage text={status} testId="picker-result-count" />
      {results.status === 'error' && <ApiErrorAlert error={results.error} />}
      {results.status === 'ready' && items.length === 0 && <p class="amphi-muted">{t(`picker.empty.${kind}`)}</p>}
      {items.length > 0 && (
        <fieldset class="amphi-fieldset amphi-options">
          <legend class="amphi-visually-hidden">
            {t(multiple ? 'picker.results.legend.multiple' : 'picker.results.legend.single', { kind: t(`kind.${kind}`) })}
          </legend>
          <ul class="amphi-option-list">
            {items.map((resource) => (
              <ResourceOption
                key={resource.id}
                resource={resource}
                multiple={multiple}
                name={`${idPrefix}-choice`}
                checked={selectedIds.includes(resource.id)}
                current={resource.id === currentId}
                onToggle={onToggle}
              />
            ))}
          </ul>
        </fieldset>
      )}
    </div>
  );
}
