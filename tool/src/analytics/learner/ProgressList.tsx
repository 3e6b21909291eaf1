import type { LearnerResourceProgress } from '../../api/analytics-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormats } from '../useFormats.js';

/** Each resource's progress as a bar and the same in words (a bar alone says nothing to everyone). */
export function ProgressList({ resources }: { resources: LearnerResourceProgress[] }) {
  const { t } = useI18n();
  const f = useFormats();
  return (
    <section class="amphi-card amphi-stack" aria-labelledby="amphi-my-progress" data-testid="learner-progress">
      <h4 id="amphi-my-progress">{t('learnerDashboard.progress.heading')}</h4>
      {resources.length === 0 ? (
        <p class="amphi-muted">{t('learnerDashboard.progress.none')}</p>
      ) : (
        <ul class="amphi-progress-list">
          {resources.map((r) => {
            const id = `amphi-progress-${r.resourceId}`;
            const percent = f.percent(Math.min(1, Math.max(0, r.progress)));
            const words = r.kind === 'video' ? t('learnerDashboard.progress.video', { percent }) : t('learnerDashboard.progress.classroom', { percent });
            return (
              <li class="amphi-progress-item" key={r.resourceId} data-testid="learner-progress-item">
                <span id={id} class="amphi-block">
                  {r.title}
                </span>
                <progress max={1} value={Math.min(1, Math.max(0, r.progress))} aria-labelledby={id} aria-describedby={`${id}-text`} />
                <span id={`${id}-text`} class="amphi-small">
                  {words}
                  {r.completed && ` · ${t('learnerDashboard.progress.completed')}`}
                  {r.lastActivity && ` · ${t('learnerDashboard.progress.last', { date: f.dateTime(r.lastActivity) })}`}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
