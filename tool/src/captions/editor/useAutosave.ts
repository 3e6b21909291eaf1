import { useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { saveTrack, type CaptionTrackDetail } from '../../api/captions-api.js';
import { isDirty, toCues, type CaptionDraft, type DraftAction } from './caption-draft.js';

/** Saving waits this long after the last change (typing stays one request). */
export const AUTOSAVE_DELAY_MS = 1500;
/** Browsers refuse keepalive bodies over 64 KiB: a larger last save goes as a plain request. */
const KEEPALIVE_MAX_BYTES = 60_000;

export type SaveStatus = 'saved' | 'pending' | 'saving' | 'error' | 'conflict' | 'blocked';

export interface Autosave {
  status: SaveStatus;
  error: ApiError | null;
  savedAt: Date | null;
  /** Saves now (Close, restore, Retry); resolves once the server answered: true when nothing is left unsaved. */
  flush(): Promise<boolean>;
  /** After a conflict was settled (their version loaded, or mine to save over theirs). */
  resolveConflict(): void;
}

interface Options {
  trackId: string;
  draft: CaptionDraft;
  dispatch: (action: DraftAction) => void;
  /** The version the draft is based on (the server's answer moves it on). */
  version: { current: number };
  /** A cue whose times the server cannot keep: nothing is sent until it is fixed. */
  blocked: boolean;
  onSaved: (detail: CaptionTrackDetail) => void;
}

/**
 * Saves the draft AUTOSAVE_DELAY_MS after the last change, when the page goes away (keepalive)
 * and when asked; one request at a time, with the version it is based on, so someone else's
 * save in between comes back as a conflict (409) instead of being overwritten.
 */
export function useAutosave({ trackId, draft, dispatch, version, blocked, onSaved }: Options): Autosave {
  const client = useApi();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [error, setError] = useState<ApiError | null>(null);
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const latest = useRef({ draft, blocked, onSaved });
  latest.current = { draft, blocked, onSaved };
  const inFlight = useRef<Promise<void> | null>(null);
  const conflict = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  /** The last revision the server kept (the draft learns it at its next render). */
  const keptRevision = useRef(-1);

  async function save(keepalive = false): Promise<boolean> {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    const { draft: current, blocked: isBlocked } = latest.current;
    if (!isDirty(current) || keptRevision.current === current.revision) return true;
    if (conflict.current) return false;
    if (isBlocked) {
      setStatus('blocked');
      return false;
    }
    const revision = current.revision;
    const body = { baseVersion: version.current, cues: toCues(current.cues) };
    const small = keepalive && JSON.stringify(body).length < KEEPALIVE_MAX_BYTES;
    setStatus('saving');
    let kept = false;
    const run = saveTrack(client, trackId, body, { keepalive: small }).then(
      (detail) => {
        kept = true;
        keptRevision.current = revision;
        version.current = detail.track.version;
        dispatch({ type: 'saved', revision });
        setError(null);
        setSavedAt(new Date());
        setStatus(latest.current.draft.revision === revision ? 'saved' : 'pending');
        latest.current.onSaved(detail);
      },
      (err: unknown) => {
        const failure = toApiError(err);
        setError(failure);
        if (failure.status === 409 || failure.code === 'captions-version-conflict') {
          conflict.current = true;
          setStatus('conflict');
        } else setStatus('error');
      },
    );
    inFlight.current = run;
    await run;
    inFlight.current = null;
    // Changes typed while the request ran: they go in the next one.
    if (!conflict.current && latest.current.draft.revision !== revision && !keepalive) schedule();
    return kept && latest.current.draft.revision === revision;
  }

  function schedule() {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(), AUTOSAVE_DELAY_MS);
  }

  useEffect(() => {
    if (!isDirty(draft) || conflict.current) return;
    if (blocked) {
      clearTimeout(timer.current);
      setStatus('blocked');
      return;
    }
    if (!inFlight.current) setStatus('pending');
    schedule();
  }, [draft.revision, blocked]);

  // Leaving: the page is hidden or closed, or the editor closes.
  useEffect(() => {
    const leave = () => {
      if (isDirty(latest.current.draft)) void save(true);
    };
    const hidden = () => document.visibilityState === 'hidden' && leave();
    window.addEventListener('pagehide', leave);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      window.removeEventListener('pagehide', leave);
      document.removeEventListener('visibilitychange', hidden);
      clearTimeout(timer.current);
      if (isDirty(latest.current.draft)) void save(true);
    };
  }, []);

  return {
    status,
    error,
    savedAt,
    flush: () => save(),
    resolveConflict() {
      conflict.current = false;
      setError(null);
      setStatus('saved');
    },
  };
}
