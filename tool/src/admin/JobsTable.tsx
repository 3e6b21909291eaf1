import type { AdminJob } from '../api/admin-api.js';
import { ConfirmButton } from '../components/ConfirmButton.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useFormatter } from '../i18n/useFormatter.js';

interface Props {
  jobs: AdminJob[];
  busy: boolean;
  onRetry: (id: string) => Promise<void>;
  onCancel: (id: string) => Promise<void>;
}

/** Jobs with their progress and last error; Retry on a failed or cancelled one, Cancel on a queued or running one. */
export function JobsTable({ jobs, busy, onRetry, onCancel }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby="amphi-admin-jobs-caption" tabIndex={0}>
      <table class="amphi-table" data-testid="admin-jobs-table">
        <caption id="amphi-admin-jobs-caption" tabIndex={-1}>{t('admin.jobs.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('admin.jobs.name')}</th>
            <th scope="col">{t('admin.jobs.status')}</th>
            <th scope="col">{t('admin.jobs.progress')}</th>
            <th scope="col">{t('admin.jobs.attempts')}</th>
            <th scope="col">{t('admin.jobs.created')}</th>
            <th scope="col">{t('admin.jobs.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((job) => (
            <tr key={job.id} data-testid="admin-job-row" data-job-id={job.id}>
              <th scope="row">
                <code>{job.name}</code>
              </th>
              <td>
                <span data-testid="admin-job-status">{t(`admin.jobs.status.${job.status}`)}</span>
                {job.lastError && job.status !== 'succeeded' && (
                  <p class="amphi-hint" lang="en">
                    {job.lastError}
                  </p>
                )}
              </td>
              <td>
                {job.progress !== null && (
                  <>
                    <progress max={1} value={job.progress} aria-label={t('admin.jobs.progress')} /> {format.percent(job.progress)}
                    {/* Written by the worker in English (ffmpeg's stages, "Done"), like the last error. */}
                    {job.progressLabel && (
                      <span class="amphi-hint" lang="en">
                        {' '}
                        {job.progressLabel}
                      </span>
                    )}
                  </>
                )}
              </td>
              <td>{t('admin.jobs.attemptsOf', { attempts: String(job.attempts), max: String(job.maxAttempts) })}</td>
              <td>{format.dateTime(job.createdAt)}</td>
              <td>
                {(job.status === 'failed' || job.status === 'cancelled') && (
                  <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" aria-disabled={busy} data-testid="admin-job-retry" onClick={() => !busy && void onRetry(job.id)}>
                    {t('admin.jobs.retry')}
                  </button>
                )}
                {(job.status === 'queued' || job.status === 'running') && (
                  <ConfirmButton
                    question={t('admin.jobs.cancel.question')}
                    confirmLabel={t('admin.jobs.cancel')}
                    cancelLabel={t('admin.jobs.keep')}
                    busy={busy}
                    danger
                    testId="admin-job-cancel"
                    onConfirm={() => onCancel(job.id)}
                  >
                    {t('admin.jobs.cancel')}
                  </ConfirmButton>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
