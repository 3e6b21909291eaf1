import { useCallback, useRef } from 'preact/hooks';
import { useI18n } from '../../i18n/I18nContext.js';
import { middleCaret, type CaptionDraft, type DraftAction } from './caption-draft.js';
import { editorActionForKey, type EditorKeyAction } from './caption-keys.js';
import type { RowAction } from './CueRow.js';
import type { EditorVideoController } from './EditorVideo.js';

interface Options {
  draft: CaptionDraft;
  dispatch: (action: DraftAction) => void;
  video: { current: EditorVideoController | null };
  durationSeconds: number;
  /** The cue at the playback position (-1: none). */
  currentIndex: number;
  /** The row that last had focus. */
  activeKey: { current: string | null };
  announce: (text: string) => void;
  nextWarning: () => void;
}

export interface EditorCommands {
  /** Stable: the rows' buttons and fields call it. */
  onRowAction: (action: RowAction) => void;
  /** The editor's keyboard shortcuts (caption-keys.ts). */
  onKeyDown: (event: KeyboardEvent) => void;
  undo: () => void;
  redo: () => void;
  insertAtPlayer: () => void;
}

/**
 * What the rows' buttons and the shortcuts do to the draft and the preview, each change said
 * in the polite live region ("Cue 12 split in two"), since rows appear and vanish.
 */
export function useEditorCommands(o: Options): EditorCommands {
  const { t } = useI18n();
  const latest = useRef(o);
  latest.current = o;

  const numberOf = (key: string) => String(latest.current.draft.cues.findIndex((c) => c.key === key) + 1);
  const playerTime = () => latest.current.video.current?.time() ?? 0;

  function run(action: RowAction): void {
    const { draft, dispatch, video, durationSeconds, announce } = latest.current;
    const at = performance.now();
    switch (action.type) {
      case 'text':
        return dispatch({ type: 'set-text', key: action.key, text: action.text, at });
      case 'time':
        return dispatch({ type: 'set-time', key: action.key, field: action.field, seconds: action.seconds, at });
      case 'player-time':
        dispatch({ type: 'set-time', key: action.key, field: action.field, seconds: playerTime(), at: 0 });
        return announce(t(action.field === 'start' ? 'captions.editor.news.start' : 'captions.editor.news.end', { number: numberOf(action.key) }));
      case 'split':
        announce(t('captions.editor.news.split', { number: numberOf(action.key) }));
        return dispatch({ type: 'split', key: action.key, caret: action.caret });
      case 'merge':
        announce(t('captions.editor.news.merged', { number: numberOf(action.key) }));
        return dispatch({ type: 'merge-next', key: action.key });
      case 'insert':
        announce(t('captions.editor.news.inserted', { number: String(Number(numberOf(action.key)) + 1) }));
        return dispatch({ type: 'insert-after', key: action.key, at: playerTime(), durationSeconds });
      case 'delete':
        announce(t('captions.editor.news.deleted', { number: numberOf(action.key) }));
        return dispatch({ type: 'delete', key: action.key });
      case 'play': {
        const cue = draft.cues.find((c) => c.key === action.key);
        if (cue) video.current?.playRange(cue.start, cue.end);
        return;
      }
    }
  }
  const onRowAction = useCallback((action: RowAction) => run(action), []);

  const undo = () => {
    if (!latest.current.draft.past.length) return;
    latest.current.dispatch({ type: 'undo' });
    latest.current.announce(t('captions.editor.news.undone'));
  };
  const redo = () => {
    if (!latest.current.draft.future.length) return;
    latest.current.dispatch({ type: 'redo' });
    latest.current.announce(t('captions.editor.news.redone'));
  };

  function command(action: EditorKeyAction, target: HTMLElement | null): void {
    const { draft, video, currentIndex, activeKey, announce, nextWarning } = latest.current;
    const key = target?.closest<HTMLElement>('[data-key]')?.dataset.key ?? activeKey.current ?? draft.cues[currentIndex]?.key ?? null;
    const cue = key === null ? undefined : draft.cues.find((c) => c.key === key);
    switch (action) {
      case 'undo':
        return undo();
      case 'redo':
        return redo();
      case 'play-pause': {
        const playing = video.current?.togglePlay();
        return announce(t(playing ? 'player.status.playing' : 'player.status.paused'));
      }
      case 'next-warning':
        return nextWarning();
      case 'insert':
        if (!cue) return insertAtPlayer();
        return run({ type: 'insert', key: cue.key });
    }
    if (!cue) return;
    switch (action) {
      case 'set-start':
      case 'set-end':
        return run({ type: 'player-time', key: cue.key, field: action === 'set-start' ? 'start' : 'end' });
      case 'split': {
        const caret = target instanceof HTMLTextAreaElement && target.dataset.field === 'text' ? target.selectionStart : middleCaret(cue.text);
        return run({ type: 'split', key: cue.key, caret });
      }
      case 'merge':
        return run({ type: 'merge', key: cue.key });
      case 'delete':
        return run({ type: 'delete', key: cue.key });
      case 'play-cue':
        return run({ type: 'play', key: cue.key });
    }
  }

  const onKeyDown = (event: KeyboardEvent) => {
    const action = editorActionForKey(event);
    if (!action) return;
    const target = event.target as HTMLElement | null;
    // A field outside the cues (a track name) keeps the browser's own undo.
    const inField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    if ((action === 'undo' || action === 'redo') && inField && !target.closest('[data-key]')) return;
    event.preventDefault();
    event.stopPropagation();
    command(action, target);
  };

  function insertAtPlayer(): void {
    const { dispatch, durationSeconds, announce } = latest.current;
    dispatch({ type: 'insert-after', key: null, at: playerTime(), durationSeconds });
    announce(t('captions.editor.news.insertedAtPlayer'));
  }

  return { onRowAction, onKeyDown, undo, redo, insertAtPlayer };
}
