import { useId, useState } from 'preact/hooks';
import { cancelAdminJob, JOB_STATUSES, listAdminJobs, retryAdminJob, type JobStatus } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { JobsTable } from './JobsTable.js';
import { useAdminAction } from './useAdminAction.js';

/** This platform's background jobs (`amphi jobs list|retry|cancel`), newest first, filtered by status. */
export function JobsSection() {
  const { t } = useI18n();
  const client = useApi();
  const filterId = useId();
  const [status, setStatus] = useState<JobStatus | null>(null);
  const jobs = useApiData((c) => listAdminJobs(c, status), [status]);
  const action = useAdminAction();
  const act = (work: () => Promise<unknown>, done: string) =>
    action.run(async () => {
      await work();
      jobs.reload();
      // The row's button goes with the job's new state: focus stays in the table.
      document.getElementById('amphi-admin-jobs-caption')?.focus();
      return done;
    });
  return (
    <div class="amphi-stack" data-testid="admin-jobs">
      <h2>{t('admin.jobs.heading')}</h2>
      <p class="amphi-muted">{t('admin.jobs.intro')}</p>
      <div class="amphi-actions amphi-admin-filter">
        <div class="amphi-form-field">
          <label for={filterId}>{t('admin.jobs.filter')}</label>
          <select
            id={filterId}
            class="amphi-input"
            value={status ?? ''}
            data-testid="admin-jobs-filter"
            onChange={(event) => setStatus(((event.currentTarget as HTMLSelectElement).value || null) as JobStatus | null)}
          >
            <option value="">{t('admin.jobs.filter.all')}</option>
            {JOB_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.jobs.status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="amphi-button amphi-button-secondary" data-testid="admin-jobs-refresh" onClick={jobs.reload}>
          {t('admin.jobs.refresh')}
        </button>
      </div>
      {action.error && <ApiErrorAlert error={action.error} />}
      <StatusMessage text={action.status} testId="admin-jobs-status" />
      {!jobs.data ? (
        jobs.status === 'error' ? <ApiErrorAlert error={jobs.error} /> : <LoadingState label={t('admin.loading')} />
      ) : jobs.data.jobs.length === 0 ? (
        <p class="amphi-muted" data-testid="admin-jobs-empty">
          {t('admin.jobs.none')}
        </p>
      ) : (
        <JobsTable
          jobs={jobs.data.jobs}
          busy={action.busy}
          onRetry={(id) => act(() => retryAdminJob(client, id), t('admin.jobs.retried'))}
          onCancel={(id) => act(() => cancelAdminJob(client, id), t('admin.jobs.cancelled'))}
        />
      )}
    </div>
  );
}
