import type { ResourceResponse } from '../api/api-types.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';
import { GradedBadge } from '../resource/GradedBadge.js';
import { ResourceThumb } from './ResourceThumb.js';
import { courseName } from './SourceSelect.js';

interface Props {
  resource: ResourceResponse;
  /** Checkboxes for several, radio buttons for one. */
  multiple: boolean;
  /** The radio group's name. */
  name: string;
  checked: boolean;
  /** What the link shows now (Change content): marked, and not offered again. */
  current?: boolean;
  onToggle: (resource: ResourceResponse, on: boolean) => void;
}

/** One resource to pick: its box, picture, title, course, creator, length and grading, all in its label. */
export function ResourceOption({ resource, multiple, name, checked, current = false, onToggle }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const id = `${name}-${resource.id}`;
  const course = resource.course.current ? t('picker.thisCourse') : courseName(resource.course, t('picker.unnamedCourse'));
  const classes = ['amphi-option', checked && 'amphi-option-checked', current && 'amphi-option-current'].filter(Boolean).join(' ');
  return (
    <li class={classes} data-testid="picker-item" data-resource-id={resource.id} aria-current={current ? 'true' : undefined}>
      <input
        id={id}
        type={multiple ? 'checkbox' : 'radio'}
        name={multiple ? undefined : name}
        value={resource.id}
        checked={checked}
        disabled={current}
        onChange={(event) => onToggle(resource, (event.currentTarget as HTMLInputElement).checked)}
      />
      <label for={id} class="amphi-option-label">
        <ResourceThumb resource={resource} />
        <span class="amphi-option-text">
          <span class="amphi-option-title">{resource.title}</span>
          {current && (
            <span class="amphi-badge amphi-badge-current" data-testid="picker-current">
              <Icon name="check" size={14} />
              {t('picker.current')}
            </span>
          )}
          <span class="amphi-option-meta">
            <span>{course}</span>
            <span>{resource.createdBy?.name ? t('picker.by', { name: resource.createdBy.name }) : t('picker.unknownCreator')}</span>
            {resource.kind === 'video' &&
              (resource.durationSeconds === undefined ? (
                <span data-testid="picker-no-media">{t('picker.video.noMedia')}</span>
              ) : (
                <span class="amphi-option-duration" data-testid="picker-duration" data-seconds={resource.durationSeconds}>
                  <Icon name="clock" size={14} />
                  <span aria-hidden="true">{format.duration(resource.durationSeconds)}</span>
                  <span class="amphi-visually-hidden">{t('picker.video.duration', { duration: format.duration(resource.durationSeconds) })}</span>
                </span>
              ))}
            <GradedBadge gradable={resource.gradable} scoreMaximum={resource.scoreMaximum} />
          </span>
        </span>
      </label>
    </li>
  );
}
