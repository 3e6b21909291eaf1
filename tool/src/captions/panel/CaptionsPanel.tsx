import { useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import type { VideoResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { generateCaptions, type CaptionTrackView } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { CaptionEditor } from '../editor/CaptionEditor.js';
import { languageName } from '../language.js';
import { AddTrackForm } from './AddTrackForm.js';
import { AutoCaptions } from './AutoCaptions.js';
import { TrackItem } from './TrackItem.js';
import { useCaptions } from './useCaptions.js';
import '../../styles/captions.css';

interface Props {
  video: VideoResponse;
  /** Tracks were added, changed or removed: the preview player shows the new ones. */
  onTracksChanged: () => void;
}

/**
 * The teacher's captions of the published media: the tracks (edit, download, delete), automatic
 * captions per language, a file to import or an empty track; Edit opens the subtitle editor in
 * the panel's place, and closing it brings focus back to that track's Edit button.
 */
export function CaptionsPanel({ video, onTracksChanged }: Props) {
  const { t, locale } = useI18n();
  const client = useApi();
  const { captions, news, announce } = useCaptions(video.resourceId);
  const [editing, setEditing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const returnTo = useRef<string | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const data = captions.data;
  const signature = data?.tracks.map((track) => `${track.id}:${track.version}`).join(',');
  const lastSignature = useRef(signature);

  useEffect(() => {
    if (signature === undefined || signature === lastSignature.current) return;
    const first = lastSignature.current === undefined;
    lastSignature.current = signature;
    if (!first) onTracksChanged();
  }, [signature]);

  // Back from the editor: focus returns to the Edit button of the track that was open.
  useEffect(() => {
    if (editing || !returnTo.current || !data) return;
    const id = returnTo.current;
    returnTo.current = null;
    listRef.current?.querySelector<HTMLElement>(`[data-track-id="${CSS.escape(id)}"] [data-testid="captions-track-edit"]`)?.focus();
  }, [editing, data]);

  if (!data) {
    return (
      <section class="amphi-card" aria-labelledby="amphi-captions-heading">
        <h3 id="amphi-captions-heading">{t('captions.heading')}</h3>
        {captions.status === 'error' ? <CaptionsErrorAlert error={captions.error} /> : <LoadingState label={t('captions.loading')} />}
      </section>
    );
  }

  if (editing) {
    return (
      <CaptionEditor
        video={video}
        trackId={editing}
        onClose={() => {
          returnTo.current = editing;
          setEditing(null);
          captions.reload();
        }}
      />
    );
  }

  async function generate(lang: string) {
    setBusy(true);
    setError(null);
    try {
      captions.replace(await generateCaptions(client, video.resourceId, lang));
      announce(t('captions.news.generationQueued', { language: languageName(lang, locale) }));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  const added = (track: CaptionTrackView, edit: boolean) => {
    captions.reload();
    if (edit) setEditing(track.id);
  };

  return (
    <section class="amphi-card amphi-stack amphi-captions" aria-labelledby="amphi-captions-heading" data-testid="captions-panel">
      <h3 id="amphi-captions-heading">{t('captions.heading')}</h3>
      <p class="amphi-hint">{t('captions.intro')}</p>
      <StatusMessage text={news} testId="captions-news" />
      {!data.editable && <p class="amphi-captions-unavailable" data-testid="captions-read-only">{t('captions.readOnly')}</p>}
      {data.tracks.length === 0 ? (
        <p class="amphi-muted" data-testid="captions-empty">{t('captions.tracks.empty')}</p>
      ) : (
        <ul class="amphi-captions-tracks" ref={listRef} aria-label={t('captions.tracks.heading')}>
          {data.tracks.map((track) => (
            <TrackItem key={track.id} track={track} editable={data.editable} onEdit={() => setEditing(track.id)} onDeleted={captions.reload} onNews={announce} />
          ))}
        </ul>
      )}
      {data.editable && (
        <>
          <AutoCaptions captions={data} busy={busy} onGenerate={(lang) => void generate(lang)} />
          {error && <CaptionsErrorAlert error={error} />}
          <AddTrackForm resourceId={video.resourceId} maxImportBytes={data.maxImportBytes} onAdded={added} onNews={announce} />
        </>
      )}
    </section>
  );
}
