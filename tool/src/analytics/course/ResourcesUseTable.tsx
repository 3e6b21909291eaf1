import type { CourseResourceUse } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CsvTable } from '../shared/CsvTable.js';
import { useFormats } from '../useFormats.js';

interface Props {
  resources: CourseResourceUse[];
  /** Opens an Amphi video's or classroom's own figures. */
  onOpen: (resource: CourseResourceUse) => void;
}

/** Each resource's learners, actions and last activity; Amphi's videos and classrooms open their figures. */
export function ResourcesUseTable({ resources, onOpen }: Props) {
  const { t } = useI18n();
  const f = useFormats();
  if (!resources.length) return <p class="amphi-muted">{t('dashboard.resources.none')}</p>;
  const kindName = (kind: CourseResourceUse['kind']) => (kind === 'external' ? t('dashboard.kind.external') : t(`kind.${kind}`));
  return (
    <CsvTable
      id="amphi-resources-use"
      testId="resources-use-table"
      caption={t('dashboard.resources.caption')}
      header={[
        t('dashboard.resources.col.resource'),
        t('dashboard.resources.col.kind'),
        t('dashboard.resources.col.learners'),
        t('dashboard.resources.col.actions'),
        t('analytics.col.lastActivity'),
      ]}
      numeric={[false, false, true, true, false]}
      rows={resources.map((r) => {
        const text = [r.title, kindName(r.kind), f.number(r.learners), f.number(r.actions), r.lastActivity ? f.dateTime(r.lastActivity) : t('analytics.never')];
        const opens = r.kind === 'video' || r.kind === 'classroom';
        const title = opens ? (
          <button type="button" class="amphi-link-button" aria-label={t('dashboard.resources.open', { title: r.title })} data-testid="resource-open" data-resource-id={r.id} onClick={() => onOpen(r)}>
            {r.title}
          </button>
        ) : (
          r.title
        );
        return { key: r.id, text, cells: [title, ...text.slice(1)] };
      })}
    />
  );
}
