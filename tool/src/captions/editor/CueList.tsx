import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { CueLimits, CueWarningCode } from '../../../../src/captions/format/cue.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { plural } from '../../i18n/plural.js';
import type { CueField, DraftCue, TimingProblem } from './caption-draft.js';
import { NO_WARNINGS } from './cue-problems.js';
import { CueRow, type RowAction } from './CueRow.js';
import { useVirtualRows } from './useVirtualRows.js';

export interface FocusRequest {
  key: string;
  field: CueField;
  caret: number | null;
  serial: number;
}

interface Props {
  cues: readonly DraftCue[];
  warnings: Map<number, readonly CueWarningCode[]>;
  timing: Map<number, TimingProblem>;
  /** The cue at the playback position (-1: none). */
  current: number;
  limits: CueLimits;
  durationSeconds: number;
  lang: string;
  focus: FocusRequest | null;
  onAction: (action: RowAction) => void;
  /** The row that last had focus (shortcuts pressed outside a row act on it). */
  onActiveRow: (key: string) => void;
}

/** A row's height before it is measured (two time fields, two lines of text, the buttons). */
const ESTIMATED_ROW = 170;
/** After the person scrolls the list, playback does not scroll it for this long. */
const USER_SCROLL_PAUSE_MS = 4000;

/**
 * The cues in a scrolling list of their own, windowed (only the rows in view are in the page:
 * a 1,500-cue lecture opens and types as fast as a short clip). The playing cue is marked and
 * scrolled into view, unless the person is typing in the list or has just scrolled it.
 */
export function CueList({ cues, warnings, timing, current, limits, durationSeconds, lang, focus, onAction, onActiveRow }: Props) {
  const { locale, t } = useI18n();
  const scrollRef = useRef<HTMLDivElement>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const pendingFocus = useRef<FocusRequest | null>(null);
  const ourScrollAt = useRef(0);
  const userScrollAt = useRef(0);
  const keyAt = useCallback((i: number) => cues[i]!.key, [cues]);
  const pinned = activeKey === null ? -1 : cues.findIndex((c) => c.key === activeKey);
  const rows = useVirtualRows({ count: cues.length, keyAt, containerRef: scrollRef, estimate: ESTIMATED_ROW, overscan: 4, pinned });

  const scrollTo = (index: number) => {
    ourScrollAt.current = performance.now();
    rows.scrollToIndex(index);
  };

  // A focus request (a new or merged cue, the next warning): scroll its row in, then focus it once rendered.
  const handledFocus = useRef(0);
  useLayoutEffect(() => {
    if (!focus || focus.serial <= handledFocus.current) return;
    handledFocus.current = focus.serial;
    const index = cues.findIndex((c) => c.key === focus.key);
    if (index < 0) return;
    pendingFocus.current = focus;
    scrollTo(index);
  }, [focus?.serial]);
  useLayoutEffect(() => {
    const request = pendingFocus.current;
    if (!request) return;
    const field = listRef.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[data-key="${request.key}"] [data-field="${request.field}"]`);
    if (!field) return;
    pendingFocus.current = null;
    field.focus();
    if (request.caret !== null) field.setSelectionRange(request.caret, request.caret);
  });

  // Playback moves on: the playing cue comes into view, unless the person is typing or scrolling.
  useEffect(() => {
    if (current < 0 || rows.isVisible(current)) return;
    const typing = listRef.current?.contains(document.activeElement) ?? false;
    if (typing || performance.now() - userScrollAt.current < USER_SCROLL_PAUSE_MS) return;
    scrollTo(current);
  }, [current]);

  return (
    <div
      ref={scrollRef}
      class="amphi-captions-cue-scroll"
      data-testid="cue-scroll"
      onScroll={() => {
        if (performance.now() - ourScrollAt.current > 150) userScrollAt.current = performance.now();
      }}
    >
      <ol
        ref={listRef}
        class="amphi-captions-cues"
        aria-label={plural(locale, 'captions.editor.list', cues.length)}
        style={{ paddingTop: `${rows.padTop}px`, paddingBottom: `${rows.padBottom}px` }}
        data-testid="cue-list"
        data-count={cues.length}
        onFocusIn={(event) => {
          const key = (event.target as HTMLElement).closest<HTMLElement>('[data-key]')?.dataset.key;
          if (key && key !== activeKey) {
            setActiveKey(key);
            onActiveRow(key);
          }
        }}
      >
        {cues.slice(rows.start, rows.end).map((cue, i) => {
          const index = rows.start + i;
          return (
            <CueRow
              key={cue.key}
              cue={cue}
              index={index}
              total={cues.length}
              warnings={warnings.get(index) ?? NO_WARNINGS}
              timing={timing.get(index)}
              current={index === current}
              limits={limits}
              durationSeconds={durationSeconds}
              lang={lang}
              observe={rows.observe}
              onAction={onAction}
            />
          );
        })}
      </ol>
      {cues.length === 0 && <p class="amphi-muted amphi-captions-cues-empty" data-testid="cue-list-empty">{t('captions.editor.empty')}</p>}
    </div>
  );
}
