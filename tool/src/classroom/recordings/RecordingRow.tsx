import { useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { plural } from '../../i18n/plural.js';
import { formatName, thumbnailOf } from './recording-format.js';
import { RecordingImport } from './RecordingImport.js';
import { RecordingRename } from './RecordingRename.js';
import { deleteRecording, importRecording, updateRecording, type RecordingChanges, type RecordingItem } from './recordings-api.js';

interface Props {
  resourceId: string;
  item: RecordingItem;
  canEdit: boolean;
  /** The recording's name is a heading one level under the list's. */
  nameLevel: 3 | 4;
  onChanged: (item: RecordingItem) => void;
  onDeleted: () => void;
  onNews: (text: string) => void;
}

type Mode = 'idle' | 'renaming' | 'confirming-delete';

/** One recording: preview, name, date, duration, state, play links; for teachers its actions. */
export function RecordingRow({ resourceId, item, canEdit, nameLevel, onChanged, onDeleted, onNews }: Props) {
  const { t, locale } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const [mode, setMode] = useState<Mode>('idle');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const thumb = thumbnailOf(item);
  const NameHeading = nameLevel === 3 ? 'h3' : 'h4';
  const start = new Date(item.startTime);

  useEffect(() => {
    if (mode === 'confirming-delete') keepButton.current?.focus();
  }, [mode]);

  async function act(run: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await run();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  const change = (changes: RecordingChanges, news: Parameters<typeof t>[0]) =>
    act(async () => {
      const updated = await updateRecording(client, resourceId, item.recordId, changes);
      onChanged(updated);
      onNews(t(news, { name: updated.name }));
    });

  return (
    <li class="amphi-card amphi-recording" data-testid="recording" data-record-id={item.recordId}>
      <div class="amphi-recording-thumb">
        {thumb ? <img src={thumb.url} alt={t('recordings.thumbnailAlt', { name: item.name })} loading="lazy" /> : <Icon name="video" size={32} />}
      </div>
      <div class="amphi-recording-body amphi-stack">
        <NameHeading class="amphi-recording-name" data-testid="recording-name">
          {item.name}
        </NameHeading>
        <p class="amphi-muted">
          <time dateTime={item.startTime}>{new Intl.DateTimeFormat(format.tag, { dateStyle: 'full', timeStyle: 'short' }).format(start)}</time>
          {' · '}
          {t('recordings.duration', { duration: format.duration(item.durationSeconds) })}
          {item.participants > 0 && ` · ${plural(locale, 'recordings.participants', item.participants)}`}
        </p>
        <p class="amphi-recording-badges">
          <span class={`amphi-badge ${item.published ? 'amphi-state-sent' : 'amphi-state-pending'}`} data-testid="recording-state">
            {t(`recordings.state.${item.state}`)}
          </span>
          {item.protected && (
            <span class="amphi-badge amphi-badge-accent" data-testid="recording-protected">
              <Icon name="lock" size={14} /> {t('recordings.state.protected')}
            </span>
          )}
        </p>
        {item.formats.length > 0 && (
          <p class="amphi-actions">
            {item.formats.map((f) => (
              <a key={f.type} class="amphi-button amphi-button-small" href={f.url} target="_blank" rel="noopener noreferrer" data-testid={`recording-play-${f.type}`}>
                <Icon name="play" size={14} />
                <span>{item.formats.length > 1 ? t('recordings.playFormat', { format: formatName(f.type, t) }) : t('recordings.play')}</span>
                <span class="amphi-visually-hidden"> {t('recordings.opensInNewTab')}</span>
              </a>
            ))}
          </p>
        )}
        {canEdit && mode === 'renaming' && (
          <RecordingRename
            name={item.name}
            busy={busy}
            onSave={(name) =>
              act(async () => {
                const updated = await updateRecording(client, resourceId, item.recordId, { name });
                onChanged(updated);
                onNews(t('recordings.news.renamed', { name: updated.name }));
                setMode('idle');
                setTimeout(() => renameButton.current?.focus());
              })
            }
            onCancel={() => {
              setMode('idle');
              setTimeout(() => renameButton.current?.focus());
            }}
          />
        )}
        {canEdit && mode === 'confirming-delete' && (
          <div class="amphi-recording-confirm" role="group" aria-labelledby={`confirm-${item.recordId}`}>
            <p id={`confirm-${item.recordId}`}>{t('recordings.delete.confirm', { name: item.name })}</p>
            <div class="amphi-actions">
              <button
                type="button"
                class="amphi-button amphi-button-danger"
                aria-disabled={busy}
                data-testid="recording-delete-yes"
                onClick={() =>
                  act(async () => {
                    await deleteRecording(client, resourceId, item.recordId);
                    onNews(t('recordings.news.deleted', { name: item.name }));
                    onDeleted();
                  })
                }
              >
                {t('recordings.delete.yes')}
              </button>
              <button
                type="button"
                ref={keepButton}
                class="amphi-button amphi-button-secondary"
                data-testid="recording-delete-no"
                onClick={() => {
                  setMode('idle');
                  setTimeout(() => deleteButton.current?.focus());
                }}
              >
                {t('recordings.delete.no')}
              </button>
            </div>
          </div>
        )}
        {canEdit && mode === 'idle' && (
          <div class="amphi-actions" role="group" aria-label={t('recordings.actionsFor', { name: item.name })}>
            {(item.state === 'published' || item.state === 'unpublished') && (
              <button
                type="button"
                class="amphi-button amphi-button-secondary amphi-button-small"
                aria-disabled={busy}
                data-testid="recording-publish"
                onClick={() => change({ published: !item.published }, item.published ? 'recordings.news.unpublished' : 'recordings.news.published')}
              >
                {item.published ? t('recordings.unpublish') : t('recordings.publish')}
              </button>
            )}
            <button
              type="button"
              class="amphi-button amphi-button-secondary amphi-button-small"
              aria-disabled={busy}
              data-testid="recording-protect"
              onClick={() => change({ protected: !item.protected }, item.protected ? 'recordings.news.unprotected' : 'recordings.news.protected')}
            >
              <Icon name="lock" size={14} />
              <span>{item.protected ? t('recordings.unprotect') : t('recordings.protect')}</span>
            </button>
            <button type="button" ref={renameButton} class="amphi-button amphi-button-secondary amphi-button-small" data-testid="recording-rename" onClick={() => setMode('renaming')}>
              {t('recordings.rename')}
            </button>
            <button type="button" ref={deleteButton} class="amphi-button amphi-button-secondary amphi-button-small" data-testid="recording-delete" onClick={() => setMode('confirming-delete')}>
              <Icon name="x" size={14} />
              <span>{t('recordings.delete')}</span>
            </button>
          </div>
        )}
        {canEdit && (
          <RecordingImport
            item={item}
            busy={busy}
            onImport={() =>
              act(async () => {
                const updated = await importRecording(client, resourceId, item.recordId);
                onChanged(updated);
                onNews(t('recordings.news.importQueued', { name: item.name }));
              })
            }
          />
        )}
        {error && <ApiErrorAlert error={error} />}
      </div>
    </li>
  );
}
