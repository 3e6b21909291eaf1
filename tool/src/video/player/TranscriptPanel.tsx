import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { serializePlainText } from '../../../../src/captions/format/plain-text.js';
import type { VideoCaptionTrack } from '../../api/api-types.js';
import { fileSlug, saveFile } from '../../components/save-file.js';
import { Icon } from '../../components/Icon.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { findMatches, transcriptIndexAt, type TranscriptMatch } from './transcript-search.js';
import { TranscriptList } from './TranscriptList.js';
import { TranscriptSearch } from './TranscriptSearch.js';
import { useTranscript } from './useTranscript.js';
import '../../styles/captions.css';

interface Props {
  id: string;
  title: string;
  tracks: VideoCaptionTrack[];
  /** The track whose captions are shown, else the one in the page's language, else the first. */
  preferredTrackId: string | null;
  currentTime: number;
  onSeek: (time: number) => void;
}

/** After the person scrolls the transcript, playback leaves it alone this long. */
const USER_SCROLL_PAUSE_MS = 5000;

/**
 * The transcript of a caption track under the player: it follows playback (the sentence being
 * said is marked and kept in view, unless the person just scrolled), a sentence plays from
 * there, a search ignores accents and case, and it downloads as text or WebVTT.
 */
export function TranscriptPanel({ id, title, tracks, preferredTrackId, currentTime, onSeek }: Props) {
  const { t, locale } = useI18n();
  const initial = tracks.find((c) => c.id === preferredTrackId) ?? tracks.find((c) => c.lang.split('-')[0] === locale) ?? tracks[0];
  const [trackId, setTrackId] = useState(initial?.id ?? '');
  const track = tracks.find((c) => c.id === trackId) ?? initial;
  const state = useTranscript(track);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const seekRef = useRef(onSeek);
  seekRef.current = onSeek;
  const seek = useCallback((time: number) => seekRef.current(time), []);
  const ourScrollAt = useRef(0);
  const userScrollAt = useRef(0);

  const cues = state.status === 'ready' ? state.transcript.cues : [];
  const matches = useMemo(() => findMatches(cues.map((c) => c.folded), query), [cues, query]);
  const byCue = useMemo(() => {
    const map = new Map<number, TranscriptMatch[]>();
    for (const m of matches) map.set(m.cue, [...(map.get(m.cue) ?? []), m]);
    return map;
  }, [matches]);
  const current = transcriptIndexAt(cues, currentTime);
  const activeMatch = matches[Math.min(active, matches.length - 1)];

  /** Scrolls the list (never the page) so cue `index` shows. */
  const reveal = (index: number) => {
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>(`[data-index="${index}"]`);
    if (!list || !item) return;
    // The list is the items' offset parent (position: relative).
    const top = item.offsetTop;
    if (top >= list.scrollTop && top + item.offsetHeight <= list.scrollTop + list.clientHeight) return;
    ourScrollAt.current = performance.now();
    list.scrollTop = Math.max(0, top - list.clientHeight / 3);
  };

  useEffect(() => {
    if (current < 0 || query.trim() || performance.now() - userScrollAt.current < USER_SCROLL_PAUSE_MS) return;
    reveal(current);
  }, [current, cues]);
  useEffect(() => setActive(0), [query, trackId]);
  useEffect(() => {
    if (activeMatch) reveal(activeMatch.cue);
  }, [activeMatch]);
  useEffect(() => {
    const list = listRef.current;
    if (!list) return;
    const onScroll = () => {
      if (performance.now() - ourScrollAt.current > 150) userScrollAt.current = performance.now();
    };
    list.addEventListener('scroll', onScroll, { passive: true });
    return () => list.removeEventListener('scroll', onScroll);
  }, [state.status]);

  if (!track) return null;
  const name = `${fileSlug(title, 'transcript')}-${track.lang}`;
  return (
    <section id={id} class="amphi-transcript" aria-labelledby={`${id}-heading`} data-testid="transcript-panel" data-track-id={track.id}>
      <h3 id={`${id}-heading`}>{t('transcript.heading')}</h3>
      <div class="amphi-transcript-tools">
        {tracks.length > 1 && (
          <div class="amphi-form-field">
            <label for={`${id}-language`}>{t('transcript.language')}</label>
            <select id={`${id}-language`} class="amphi-input" value={track.id} data-testid="transcript-language" onChange={(e) => setTrackId((e.currentTarget as HTMLSelectElement).value)}>
              {tracks.map((c) => (
                <option key={c.id} value={c.id} lang={c.lang}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
        )}
        <TranscriptSearch query={query} onQuery={setQuery} active={Math.min(active, Math.max(0, matches.length - 1))} total={matches.length} onMove={(step) => setActive((a) => (a + step + matches.length) % matches.length)} />
      </div>
      {state.status === 'loading' && <LoadingState label={t('transcript.loading')} />}
      {state.status === 'error' && (
        <div class="amphi-alert" role="alert" data-testid="transcript-error">
          <Icon name="alert" size={22} />
          <div>
            <p>{t('transcript.error')}</p>
            <button type="button" class="amphi-button amphi-button-small" onClick={state.retry}>
              {t('player.retry')}
            </button>
          </div>
        </div>
      )}
      {state.status === 'ready' && (
        <>
          {cues.length === 0 ? (
            <p class="amphi-muted">{t('transcript.empty')}</p>
          ) : (
            <TranscriptList cues={cues} current={current} matchesByCue={byCue} activeMatch={activeMatch} lang={track.lang} label={t('transcript.list', { label: track.label })} listRef={listRef} onSeek={seek} />
          )}
          <div class="amphi-actions amphi-transcript-downloads">
            <button type="button" class="amphi-button amphi-button-small amphi-button-quiet" data-testid="transcript-download-text" onClick={() => saveFile(`${name}.txt`, serializePlainText(state.transcript.source))}>
              <Icon name="download" />
              <span>{t('transcript.download.text')}</span>
            </button>
            <button type="button" class="amphi-button amphi-button-small amphi-button-quiet" data-testid="transcript-download-vtt" onClick={() => saveFile(`${name}.vtt`, state.transcript.vtt, 'text/vtt;charset=utf-8')}>
              <Icon name="download" />
              <span>{t('transcript.download.vtt')}</span>
            </button>
          </div>
        </>
      )}
    </section>
  );
}
