import { useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { ResourceResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { getGradebook, retryFailedDeliveries } from '../api/grades-api.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { Icon } from '../components/Icon.js';
import { LoadingState } from '../components/LoadingState.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { plural } from '../i18n/plural.js';
import { GradesSummary } from './GradesSummary.js';
import { GradesTable } from './GradesTable.js';
import { ScoreForm } from './ScoreForm.js';

const DEFAULT_MAXIMUM = 100;

/** The gradebook of this resource: every learner's last score and its delivery to the platform. */
export function GradesPanel({ resource }: { resource: ResourceResponse }) {
  const { t, locale } = useI18n();
  const client = useApi();
  const gradebook = useApiData((c) => getGradebook(c, resource.id), [resource.id, resource.scoreMaximum]);
  const [userId, setUserId] = useState('');
  const [news, setNews] = useState('');
  const [retrying, setRetrying] = useState(false);
  const [retryError, setRetryError] = useState<ApiError | null>(null);
  const scoreInput = useRef<HTMLElement>(null);

  const retry = async (forUser?: string) => {
    setRetrying(true);
    setRetryError(null);
    try {
      const requeued = await retryFailedDeliveries(client, resource.id, forUser);
      setNews(plural(locale, 'grades.retry.done', requeued));
      gradebook.reload();
    } catch (err) {
      setRetryError(toApiError(err));
    } finally {
      setRetrying(false);
    }
  };
  const grade = (id: string) => {
    setUserId(id);
    scoreInput.current?.focus();
  };

  const data = gradebook.data;
  return (
    <section class="amphi-stack" aria-labelledby="amphi-grades-heading">
      <h3 id="amphi-grades-heading">{t('grades.heading')}</h3>
      <StatusMessage text={news} testId="grades-status" />
      {gradebook.status === 'error' && <ApiErrorAlert error={gradebook.error} />}
      {!data && gradebook.status === 'loading' && <LoadingState label={t('grades.loading')} />}
      {data && (
        <>
          <GradesSummary gradebook={data} />
          {data.counts.failed > 0 && (
            <div class="amphi-actions">
              <button type="button" class="amphi-button amphi-button-secondary" data-testid="grades-retry" aria-disabled={retrying} onClick={() => !retrying && void retry()}>
                <Icon name="refresh" />
                <span>{t('grades.retry.all')}</span>
              </button>
            </div>
          )}
          {retryError && <ApiErrorAlert error={retryError} />}
          <GradesTable learners={data.learners} onGrade={grade} onRetry={(id) => void retry(id)} retrying={retrying} />
          <ScoreForm
            resourceId={resource.id}
            learners={data.learners}
            scoreMaximum={data.resource.scoreMaximum ?? data.lineItem?.scoreMaximum ?? DEFAULT_MAXIMUM}
            userId={userId}
            onUserChange={setUserId}
            scoreRef={scoreInput}
            onRecorded={(message) => {
              setNews(message);
              gradebook.reload();
            }}
          />
        </>
      )}
    </section>
  );
}
