import { useEffect, useState } from 'preact/hooks';
import { visibleText } from '../../../../src/captions/format/cue-rules.js';
import type { Cue } from '../../../../src/captions/format/cue.js';
import { CaptionFileError, parseWebVtt } from '../../../../src/captions/format/webvtt.js';
import type { VideoCaptionTrack } from '../../api/api-types.js';
import { foldForSearch, type FoldedText } from './transcript-search.js';

export interface TranscriptCue {
  start: number;
  end: number;
  /** The words as shown (tags removed, lines joined). */
  text: string;
  folded: FoldedText;
}

export interface LoadedTranscript {
  cues: TranscriptCue[];
  /** The parsed cues (for the text download). */
  source: Cue[];
  /** The WebVTT file as the server signed it (for the WebVTT download). */
  vtt: string;
}

export type TranscriptState =
  | { status: 'loading' }
  | { status: 'ready'; transcript: LoadedTranscript }
  | { status: 'error'; retry(): void };

/** Each version's file once per page: its signed URL names the version. */
const loaded = new Map<string, Promise<LoadedTranscript>>();

async function loadTranscript(url: string): Promise<LoadedTranscript> {
  // A signed URL: no token, no cookie.
  const response = await fetch(url, { credentials: 'omit' });
  if (!response.ok) throw new Error(`transcript ${response.status}`);
  const vtt = await response.text();
  const source = parseCues(vtt);
  const cues = source.map((cue) => {
    const text = visibleText(cue.text).replace(/\s*\n\s*/g, ' ').trim();
    return { start: cue.start, end: cue.end, text, folded: foldForSearch(text) };
  });
  return { cues, source, vtt };
}

/** A track with no cue yet (typed by hand, not begun) is an empty transcript, not an error. */
function parseCues(vtt: string): Cue[] {
  try {
    return parseWebVtt(vtt).cues;
  } catch (err) {
    if (err instanceof CaptionFileError && err.code === 'no-cues') return [];
    throw err;
  }
}

/** The cues of a caption track, fetched from its signed WebVTT URL and parsed as the server parses them. */
export function useTranscript(track: VideoCaptionTrack | undefined): TranscriptState {
  const [state, setState] = useState<TranscriptState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const url = track?.url;

  useEffect(() => {
    if (!url) return;
    let current = true;
    setState({ status: 'loading' });
    let pending = loaded.get(url);
    if (!pending) {
      pending = loadTranscript(url);
      loaded.set(url, pending);
      pending.catch(() => loaded.delete(url));
    }
    pending.then(
      (transcript) => current && setState({ status: 'ready', transcript }),
      () => current && setState({ status: 'error', retry: () => setAttempt((a) => a + 1) }),
    );
    return () => {
      current = false;
    };
  }, [url, attempt]);

  return state;
}
