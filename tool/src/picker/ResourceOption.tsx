import type { ResourceResponse } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import { GradedBadge } from '../resource/GradedBadge.js';
import { courseName } from './SourceSelect.js';

interface Props {
  resource: ResourceResponse;
  /** Checkboxes for several, radio buttons for one. */
  multiple: boolean;
  /** The radio group's name. */
  name: string;
  checked: boolean;
  onToggle: (resource: ResourceResponse, on: boolean) => void;
}

/** One resource to pick: its box, thumbnail, title, course, creator and grading, all in its label. */
export function ResourceOption({ resource, multiple, name, checked, onToggle }: Props) {
  const { t } = useI18n();
  const id = `${name}-${resource.id}`;
  const course = resource.course.current ? t('picker.thisCourse') : courseName(resource.course, t('picker.unnamedCourse'));
  return (
    <li class={`amphi-option${checked ? ' amphi-option-checked' : ''}`} data-testid="picker-item" data-resource-id={resource.id}>
      <input
        id={id}
        type={multiple ? 'checkbox' : 'radio'}
        name={multiple ? undefined : name}
        value={resource.id}
        checked={checked}
        onChange={(event) => onToggle(resource, (event.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id} class="amphi-option-label">
        {resource.thumbnailUrl ? (
          <img class="amphi-thumb" src={resource.thumbnailUrl} alt="" width={96} height={54} loading="lazy" />
        ) : (
          <span class="amphi-thumb amphi-thumb-empty" aria-hidden="true" />
        )}
        <span class="amphi-option-text">
          <span class="amphi-option-title">{resource.title}</span>
          <span class="amphi-option-meta">
            <span>{course}</span>
            <span>{resource.createdBy?.name ? t('picker.by', { name: resource.createdBy.name }) : t('picker.unknownCreator')}</span>
            <GradedBadge gradable={resource.gradable} scoreMaximum={resource.scoreMaximum} />
          </span>
        </span>
      </label>
    </li>
  );
}
