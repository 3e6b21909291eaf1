import { useState } from 'preact/hooks';
import { listCourses } from '../api/content-api.js';
import { OFFERED_KINDS, type ResourceKind, type ResourceResponse } from '../api/api-types.js';
import { useApiData } from '../api/useApiData.js';
import { Icon } from '../components/Icon.js';
import { Tabs } from '../components/Tabs.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { CreateResourceForm } from './CreateResourceForm.js';
import { ResourceResults } from './ResourceResults.js';
import type { SourceValue } from './selection.js';
import { SourceSelect } from './SourceSelect.js';
import { useDebouncedValue } from './useDebouncedValue.js';

const SEARCH_DELAY_MS = 300;

interface Props {
  /** Unique on the page (ids of tabs, panel, radio group). */
  idPrefix: string;
  multiple: boolean;
  selectedIds: string[];
  /** The resource the link shows now (Change content), marked and not offered. */
  currentId?: string;
  onToggle: (resource: ResourceResponse, on: boolean) => void;
  /** Offer to create a resource (with or without grading); it is selected once created. */
  create?: { grading: boolean };
  initialKind?: ResourceKind;
}

/**
 * One tab per kind; in each, the teacher's resources (this course, all their courses, or one of
 * them; searched by title) to tick, and a form to create one. Filters stay when the tab changes.
 */
export function ResourcePicker({ idPrefix, multiple, selectedIds, currentId, onToggle, create, initialKind = 'video' }: Props) {
  const { t } = useI18n();
  const [kind, setKind] = useState<ResourceKind>(OFFERED_KINDS.includes(initialKind) ? initialKind : 'video');
  const [source, setSource] = useState<SourceValue>('current');
  const [search, setSearch] = useState('');
  const [refreshKey, setRefreshKey] = useState(0);
  const query = useDebouncedValue(search.trim(), SEARCH_DELAY_MS);
  const courses = useApiData(listCourses, []);

  const onCreated = (resource: ResourceResponse) => {
    setRefreshKey((k) => k + 1);
    onToggle(resource, true);
  };

  return (
    <Tabs
      label={t('picker.kinds')}
      idPrefix={idPrefix}
      selected={kind}
      onSelect={setKind}
      tabs={OFFERED_KINDS.map((id) => ({ id, label: t(`kind.${id}`), icon: <Icon name={id} />, testId: `picker-tab-${id}` }))}
    >
      <div class="amphi-picker-panel">
        <section class="amphi-picker-browse" aria-labelledby={`${idPrefix}-browse-heading`}>
          <h3 id={`${idPrefix}-browse-heading`}>{t(`picker.existing.${kind}`)}</h3>
          <div class="amphi-filters" role="search" aria-label={t('picker.filters')}>
            <SourceSelect value={source} courses={courses.data ?? []} onChange={setSource} />
            <TextField type="search" label={t('picker.search')} value={search} onInput={setSearch} testId="picker-search" />
          </div>
          <ResourceResults
            idPrefix={idPrefix}
            kind={kind}
            source={source}
            query={query}
            refreshKey={refreshKey}
            multiple={multiple}
            selectedIds={selectedIds}
            currentId={currentId}
            onToggle={onToggle}
          />
        </section>
        {create && <CreateResourceForm key={kind} idPrefix={idPrefix} kind={kind} grading={create.grading} onCreated={onCreated} />}
      </div>
    </Tabs>
  );
}
