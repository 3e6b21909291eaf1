import type { RefObject } from 'preact';
import { memo } from 'preact/compat';
import type { TranscriptMatch } from './transcript-search.js';
import { markedParts } from './transcript-search.js';
import { formatClock } from './time-format.js';
import type { TranscriptCue } from './useTranscript.js';

interface Props {
  cues: TranscriptCue[];
  current: number;
  /** Matches grouped by cue, and the one shown. */
  matchesByCue: Map<number, TranscriptMatch[]>;
  activeMatch: TranscriptMatch | undefined;
  lang: string;
  label: string;
  listRef: RefObject<HTMLOListElement | null>;
  onSeek: (time: number) => void;
}

/**
 * The sentences, each a button that plays from there; the one being said has aria-current,
 * matches are marked. Memoised: the player's time changes four times a second, the list only
 * when the sentence does.
 */
export const TranscriptList = memo(function TranscriptList({ cues, current, matchesByCue, activeMatch, lang, label, listRef, onSeek }: Props) {
  return (
    <ol class="amphi-transcript-list" ref={listRef} lang={lang} aria-label={label} data-testid="transcript-list">
      {cues.map((cue, i) => {
        const ranges = matchesByCue.get(i) ?? [];
        return (
          <li key={i}>
            <button
              type="button"
              class="amphi-transcript-cue"
              aria-current={i === current ? 'true' : undefined}
              data-index={i}
              data-start={cue.start}
              data-testid="transcript-cue"
              onClick={() => onSeek(cue.start)}
            >
              <span class="amphi-transcript-time">{formatClock(cue.start)}</span>
              <span class="amphi-transcript-text">
                {ranges.length === 0
                  ? cue.text
                  : markedParts(cue.text, ranges).map((part, k) =>
                      part.mark ? (
                        <mark key={k} class={activeMatch && activeMatch === ranges[part.index] ? 'amphi-transcript-match-active' : undefined} data-testid="transcript-match">
                          {part.text}
                        </mark>
                      ) : (
                        part.text
                      ),
                    )}
              </span>
            </button>
          </li>
        );
      })}
    </ol>
  );
});
