import { useId } from 'preact/hooks';
import type { CourseSummary } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SourceValue } from './selection.js';

interface Props {
  value: SourceValue;
  courses: CourseSummary[];
  onChange: (value: SourceValue) => void;
}

export function courseName(course: { title: string | null; label: string | null }, fallback: string): string {
  return course.title || course.label || fallback;
}

/** Where to look for resources: this course, all the teacher's courses, or one other course. */
export function SourceSelect({ value, courses, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  const others = courses.filter((course) => !course.current);
  return (
    <div class="amphi-form-field">
      <label for={id}>{t('picker.source')}</label>
      <select
        id={id}
        class="amphi-input"
        value={value}
        data-testid="picker-source"
        onChange={(event) => onChange((event.currentTarget as HTMLSelectElement).value as SourceValue)}
      >
        <option value="current">{t('picker.source.current')}</option>
        <option value="all">{t('picker.source.all')}</option>
        {others.length > 0 && (
          <optgroup label={t('picker.source.others')}>
            {others.map((course) => (
              <option key={course.id} value={`course:${course.id}`}>
                {courseName(course, t('picker.unnamedCourse'))}
              </option>
            ))}
          </optgroup>
        )}
      </select>
    </div>
  );
}
