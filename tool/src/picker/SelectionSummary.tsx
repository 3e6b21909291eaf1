import { useRef } from 'preact/hooks';
import type { ResourceResponse } from '../api/api-types.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';
import { KindLabel } from '../resource/KindLabel.js';

interface Props {
  idPrefix: string;
  selected: ResourceResponse[];
  onRemove: (resource: ResourceResponse) => void;
}

/** What will be added, across every tab, each with a button to take it out again (the count is in the action bar). */
export function SelectionSummary({ idPrefix, selected, onRemove }: Props) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  const headingId = `${idPrefix}-selection-heading`;

  const remove = (resource: ResourceResponse) => {
    onRemove(resource);
    // The button goes away with its line: keep focus in the summary.
    heading.current?.focus();
  };

  return (
    <section class="amphi-card amphi-selection" aria-labelledby={headingId}>
      <h3 id={headingId} ref={heading} tabIndex={-1}>
        {t('picker.selection.heading')}
      </h3>
      {/* The count is announced by the action bar: said twice, it would be heard twice. */}
      {selected.length === 0 && <p class="amphi-muted">{t('picker.selection.none')}</p>}
      {selected.length > 0 && (
        <ul class="amphi-selection-list">
          {selected.map((resource) => (
            <li key={resource.id}>
              <KindLabel kind={resource.kind} />
              <span class="amphi-selection-title">{resource.title}</span>
              <button
                type="button"
                class="amphi-button amphi-button-quiet amphi-button-small"
                aria-label={t('picker.selection.remove', { title: resource.title })}
                onClick={() => remove(resource)}
              >
                <Icon name="x" size={16} />
                <span aria-hidden="true">{t('picker.selection.removeShort')}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
