import { useEffect, useId, useRef, useState } from 'preact/hooks';
import type { ResourceResponse } from '../../api/api-types.js';
import { useApiData } from '../../api/useApiData.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { LoadingState } from '../../components/LoadingState.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { isImporting } from './recording-format.js';
import { RecordingRow } from './RecordingRow.js';
import { listRecordings, type RecordingItem } from './recordings-api.js';
import '../../styles/classroom-recordings.css';

interface Props {
  resource: ResourceResponse;
  onResourceChanged?: (resource: ResourceResponse) => void;
  /** 3 under a teacher's tab (the page's h2 above it); 2 on the learner's page, right under its title. */
  headingLevel?: 2 | 3;
}

const PAGE_SIZE = 10;
/** While an import runs, the list is asked again this often to show its outcome. */
const IMPORT_POLL_MS = 3000;

/**
 * The classroom's recordings, a page at a time: teachers see every state and act on each
 * (publish, protect, rename, delete, import into the video library); learners see the published
 * ones. Action results are announced in one polite live region.
 */
export function RecordingsPanel({ resource, headingLevel = 3 }: Props) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const { t } = useI18n();
  const [offset, setOffset] = useState(0);
  const [news, setNews] = useState('');
  const headingId = useId();
  const list = useApiData((client) => listRecordings(client, resource.id, offset, PAGE_SIZE), [resource.id, offset]);
  const data = list.data;
  const importing = data?.items.some(isImporting) ?? false;
  useImportNews(data?.items, setNews);

  useEffect(() => {
    if (!importing) return;
    const timer = setTimeout(list.reload, IMPORT_POLL_MS);
    return () => clearTimeout(timer);
  }, [importing, data]);

  const replaceItem = (item: RecordingItem) => data && list.replace({ ...data, items: data.items.map((i) => (i.recordId === item.recordId ? item : i)) });
  const removed = () => {
    // The last item of a page gone: show the page before.
    if (data && data.items.length === 1 && offset > 0) setOffset(Math.max(0, offset - PAGE_SIZE));
    else list.reload();
  };

  return (
    <section class="amphi-stack amphi-recordings" aria-labelledby={headingId} data-testid="recordings-panel">
      <div class="amphi-recordings-head">
        <Heading id={headingId}>{t('recordings.heading')}</Heading>
        <button type="button" class="amphi-button amphi-button-quiet amphi-button-small" onClick={list.reload} data-testid="recordings-refresh">
          <Icon name="refresh" />
          <span>{t('recordings.refresh')}</span>
        </button>
      </div>
      <StatusMessage text={news} testId="recordings-news" visuallyHidden={!news} />
      {list.status === 'error' && <ApiErrorAlert error={list.error} />}
      {!data && list.status === 'loading' && <LoadingState label={t('recordings.loading')} />}
      {data && data.items.length === 0 && (
        <p data-testid="recordings-empty">{!data.serverConfigured ? t('recordings.noServer') : data.canEdit ? t('recordings.empty') : t('recordings.emptyLearner')}</p>
      )}
      {data && data.items.length > 0 && (
        <ul class="amphi-recordings-list" data-testid="recordings-list">
          {data.items.map((item) => (
            <RecordingRow key={item.recordId} resourceId={resource.id} item={item} canEdit={data.canEdit} nameLevel={headingLevel === 2 ? 3 : 4} onChanged={replaceItem} onDeleted={removed} onNews={setNews} />
          ))}
        </ul>
      )}
      {data && data.total > 0 && (
        <nav class="amphi-recordings-paging" aria-label={t('recordings.paging')}>
          <p data-testid="recordings-range">
            {t('recordings.range', { from: String(Math.min(data.total, offset + 1)), to: String(Math.min(data.total, offset + data.items.length)), total: String(data.total) })}
          </p>
          <div class="amphi-actions">
            <button type="button" class="amphi-button amphi-button-secondary amphi-button-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))} data-testid="recordings-previous">
              {t('recordings.previous')}
            </button>
            <button
              type="button"
              class="amphi-button amphi-button-secondary amphi-button-small"
              disabled={offset + PAGE_SIZE >= data.total}
              onClick={() => setOffset(offset + PAGE_SIZE)}
              data-testid="recordings-next"
            >
              {t('recordings.next')}
            </button>
          </div>
        </nav>
      )}
    </section>
  );
}

/** Says when an import this page watched finishes (done or failed). */
function useImportNews(items: RecordingItem[] | undefined, say: (text: string) => void) {
  const { t } = useI18n();
  const watched = useRef(new Map<string, boolean>());
  useEffect(() => {
    for (const item of items ?? []) {
      const was = watched.current.get(item.recordId);
      const now = isImporting(item);
      if (was && !now && item.import?.status === 'done') say(t('recordings.news.imported', { name: item.name }));
      if (was && !now && item.import?.status === 'failed') say(t('recordings.news.importFailed', { name: item.name }));
      watched.current.set(item.recordId, now);
    }
  }, [items]);
}
