import { useEffect, useMemo, useReducer, useRef, useState } from 'preact/hooks';
import { checkCues, visibleText } from '../../../../src/captions/format/cue-rules.js';
import type { CueWarningCode } from '../../../../src/captions/format/cue.js';
import { toApiError } from '../../api/api-client.js';
import type { VideoMedia, VideoResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { getTrack, restoreVersion, type CaptionTrackDetail } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { languageName } from '../language.js';
import { cueIndexAt, draftReducer, emptyDraft, isDirty, nextFocusSerial, timingProblems } from './caption-draft.js';
import { ConflictAlert } from './ConflictAlert.js';
import { nextProblemIndex, stableWarnings, warningsByIndex } from './cue-problems.js';
import { CueList, type FocusRequest } from './CueList.js';
import { EditorVideo, type EditorVideoController } from './EditorVideo.js';
import { SaveStatusLine } from './SaveStatusLine.js';
import { ShortcutsHelp } from './ShortcutsHelp.js';
import { TrackSettings } from './TrackSettings.js';
import { useAutosave } from './useAutosave.js';
import { useEditorCommands } from './useEditorCommands.js';
import { VersionHistory } from './VersionHistory.js';
import { WarningsSummary } from './WarningsSummary.js';

interface Props {
  video: VideoResponse;
  media: VideoMedia;
  detail: CaptionTrackDetail;
  onClose: () => void;
}

/**
 * The loaded editor: the preview beside the cue list, the warnings, undo and redo, autosave,
 * the version history. Focus starts on its heading and the shortcuts work anywhere inside it.
 */
export function EditorBody({ video, media, detail, onClose }: Props) {
  const { t, locale } = useI18n();
  const client = useApi();
  const [draft, dispatch] = useReducer(draftReducer, detail, (d) => draftReducer(emptyDraft(), { type: 'load', cues: d.cues }));
  const [track, setTrack] = useState(detail.track);
  const version = useRef(detail.track.version);
  const [currentIndex, setCurrentIndex] = useState(-1);
  /** The editor's own focus request (next warning); the draft makes the others (a new cue, a merge). */
  const [ownFocus, setOwnFocus] = useState<FocusRequest | null>(null);
  const [news, setNews] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ReturnType<typeof toApiError> | null>(null);
  const [closeBlocked, setCloseBlocked] = useState(false);
  const activeKey = useRef<string | null>(null);
  const player = useRef<EditorVideoController | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const previousWarnings = useRef(new Map<number, readonly CueWarningCode[]>());
  const limits = detail.limits;
  const duration = detail.durationSeconds || media.durationSeconds;

  const warnings = useMemo(() => {
    const next = stableWarnings(warningsByIndex(checkCues(draft.cues, limits)), previousWarnings.current);
    previousWarnings.current = next;
    return next;
  }, [draft.cues]);
  const timing = useMemo(() => timingProblems(draft.cues, duration), [draft.cues]);
  const problems = useMemo(() => [...new Set([...timing.keys(), ...warnings.keys()])].sort((a, b) => a - b), [warnings, timing]);
  const firstBlocked = timing.size ? Math.min(...timing.keys()) : -1;

  const autosave = useAutosave({ trackId: track.id, draft, dispatch, version, blocked: timing.size > 0, onSaved: (saved) => setTrack(saved.track) });

  useEffect(() => headingRef.current?.focus(), []);
  // Times changed: the cue under the playhead may be another one.
  useEffect(() => setCurrentIndex(cueIndexAt(draft.cues, player.current?.time() ?? 0)), [draft.cues]);

  const nextWarning = () => {
    const from = activeKey.current ? draft.cues.findIndex((c) => c.key === activeKey.current) : -1;
    const index = nextProblemIndex(problems, from);
    const cue = draft.cues[index];
    if (!cue) return;
    setOwnFocus({ key: cue.key, field: timing.has(index) ? 'end' : 'text', caret: null, serial: nextFocusSerial() });
  };
  const commands = useEditorCommands({ draft, dispatch, video: player, durationSeconds: duration, currentIndex, activeKey, announce: setNews, nextWarning });

  async function act(run: () => Promise<void>) {
    setBusy(true);
    setFailure(null);
    try {
      await run();
    } catch (err) {
      setFailure(toApiError(err));
    } finally {
      setBusy(false);
    }
  }
  const load = (fresh: CaptionTrackDetail) => {
    version.current = fresh.track.version;
    setTrack(fresh.track);
    dispatch({ type: 'load', cues: fresh.cues });
  };
  const restore = (v: number) =>
    act(async () => {
      await autosave.flush();
      load(await restoreVersion(client, track.id, v));
      setNews(t('captions.news.restored', { version: String(v) }));
    });
  const reloadTheirs = () =>
    act(async () => {
      load(await getTrack(client, track.id));
      autosave.resolveConflict();
      setNews(t('captions.news.reloaded'));
    });
  const overwrite = () =>
    act(async () => {
      version.current = (await getTrack(client, track.id)).track.version;
      autosave.resolveConflict();
      await autosave.flush();
    });
  const close = () =>
    act(async () => {
      if (await autosave.flush()) onClose();
      else setCloseBlocked(true);
    });

  const currentCue = draft.cues[currentIndex];
  const focus = draft.focus && (!ownFocus || draft.focus.serial > ownFocus.serial) ? draft.focus : ownFocus;
  return (
    <section class="amphi-card amphi-stack amphi-captions-editor" aria-labelledby="amphi-captions-editor-heading" data-testid="caption-editor" onKeyDown={commands.onKeyDown}>
      <div class="amphi-captions-editor-header">
        <h3 id="amphi-captions-editor-heading" tabIndex={-1} ref={headingRef}>
          {t('captions.editor.heading')} <span lang={track.lang}>{track.label}</span>
        </h3>
        <button type="button" class="amphi-button amphi-button-secondary" aria-disabled={busy} data-testid="caption-editor-close" onClick={() => !busy && void close()}>
          <Icon name="x" />
          <span>{t('captions.editor.close')}</span>
        </button>
      </div>
      <p class="amphi-muted" data-testid="caption-editor-facts" data-version={track.version}>
        {t('captions.editor.facts', { language: languageName(track.lang, locale), kind: t(`captions.kind.${track.kind}`), version: String(track.version) })}
      </p>
      <SaveStatusLine status={autosave.status} error={autosave.error} savedAt={autosave.savedAt} blockedCue={firstBlocked + 1} onRetry={() => void autosave.flush()} />
      {autosave.status === 'conflict' && <ConflictAlert busy={busy} onReload={() => void reloadTheirs()} onOverwrite={() => void overwrite()} />}
      {closeBlocked && isDirty(draft) && (
        <div class="amphi-actions" data-testid="caption-editor-close-blocked">
          <p>{t('captions.editor.closeBlocked')}</p>
          <button type="button" class="amphi-button amphi-button-secondary" data-testid="caption-editor-close-anyway" onClick={onClose}>
            {t('captions.editor.closeAnyway')}
          </button>
        </div>
      )}
      {failure && <CaptionsErrorAlert error={failure} />}
      <div class="amphi-captions-editor-layout">
        <div class="amphi-captions-editor-side amphi-stack">
          <EditorVideo
            media={media}
            title={video.title}
            overlay={currentCue ? visibleText(currentCue.text) : ''}
            controller={player}
            onTime={(time) => setCurrentIndex(cueIndexAt(draft.cues, time))}
          />
          <WarningsSummary count={problems.length} limits={limits} onNext={nextWarning} />
          <div class="amphi-actions amphi-captions-editor-tools">
            <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" aria-disabled={!draft.past.length} data-testid="captions-undo" onClick={commands.undo}>
              {t('captions.undo')}
            </button>
            <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" aria-disabled={!draft.future.length} data-testid="captions-redo" onClick={commands.redo}>
              {t('captions.redo')}
            </button>
            <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" data-testid="captions-insert-at-player" onClick={commands.insertAtPlayer}>
              <Icon name="plus" />
              <span>{t('captions.editor.insertAtPlayer')}</span>
            </button>
          </div>
          <ShortcutsHelp />
          <VersionHistory trackId={track.id} currentVersion={track.version} onRestore={restore} />
          <TrackSettings track={track} onSaved={setTrack} />
        </div>
        <div class="amphi-captions-editor-main amphi-stack">
          <p id="amphi-captions-time-hint" class="amphi-hint">
            {t('captions.cue.timeHint')}
          </p>
          <CueList
            cues={draft.cues}
            warnings={warnings}
            timing={timing}
            current={currentIndex}
            limits={limits}
            durationSeconds={duration}
            lang={track.lang}
            focus={focus}
            onAction={commands.onRowAction}
            onActiveRow={(key) => (activeKey.current = key)}
          />
        </div>
      </div>
      <StatusMessage text={news} testId="caption-editor-news" visuallyHidden />
    </section>
  );
}
