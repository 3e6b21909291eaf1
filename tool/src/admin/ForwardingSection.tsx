import { Fragment } from 'preact';
import { getForwardingStatus, requeueForwarding, type ForwardingStatus, type SinkName } from '../api/admin-api.js';
import { useApi } from '../api/ApiContext.js';
import { useApiData } from '../api/useApiData.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { LoadingState } from '../components/LoadingState.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { useAdminAction } from './useAdminAction.js';

function countOf(status: ForwardingStatus, sink: SinkName, state: 'pending' | 'failed'): number {
  return status.backlog.find((b) => b.sink === sink && b.status === state)?.count ?? 0;
}

/** Where this platform's statements are forwarded (the operator's choice), what waits, what was refused. */
export function ForwardingSection() {
  const { t } = useI18n();
  const client = useApi();
  const status = useApiData(getForwardingStatus, []);
  const action = useAdminAction();
  if (!status.data) {
    return status.status === 'error' ? <ApiErrorAlert error={status.error} /> : <LoadingState label={t('admin.loading')} />;
  }
  const data = status.data;
  const failed = data.backlog.some((b) => b.status === 'failed' && b.count > 0);
  return (
    <div class="amphi-stack" data-testid="admin-forwarding">
      <h2>{t('admin.forwarding.heading')}</h2>
      <p class="amphi-muted">{t('admin.forwarding.intro')}</p>
      {data.sinks.length === 0 ? (
        <p data-testid="admin-forwarding-none">{t('admin.forwarding.none')}</p>
      ) : (
        <dl class="amphi-admin-facts" data-testid="admin-forwarding-sinks">
          {data.sinks.map((sink) => (
            <Fragment key={sink}>
              <dt>{t(sink === 'xapi' ? 'admin.forwarding.sink.xapi' : 'admin.forwarding.sink.elasticsearch')}</dt>
              <dd data-testid={`admin-forwarding-${sink}`}>
                {t('admin.forwarding.counts', { pending: String(countOf(data, sink, 'pending')), failed: String(countOf(data, sink, 'failed')) })}
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      {action.error && <ApiErrorAlert error={action.error} />}
      {failed && (
        <div class="amphi-actions">
          <button
            type="button"
            class="amphi-button"
            aria-disabled={action.busy}
            data-testid="admin-forwarding-requeue"
            onClick={() =>
              void action.run(async () => {
                const { requeued } = await requeueForwarding(client);
                status.reload();
                return t('admin.forwarding.requeued', { count: String(requeued) });
              })
            }
          >
            {t('admin.forwarding.requeue')}
          </button>
        </div>
      )}
      <StatusMessage text={action.status} testId="admin-forwarding-status" />
    </div>
  );
}
