import { useEffect, useRef, useState } from 'preact/hooks';
import * as tus from 'tus-js-client';
import type { ApiClient } from '../../api/api-client.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { Translate } from '../../i18n/i18n.js';
import { checkFileSize, TransferRate } from './upload-format.js';

/** Big enough to keep requests few, small enough that a dropped connection loses little. */
const CHUNK_BYTES = 8 * 1024 * 1024;
/** Network hiccups and 5xx are retried with these waits before the teacher hears about it. */
const RETRY_DELAYS = [0, 1000, 3000, 5000, 10_000];

export type UploadState =
  | { phase: 'idle' }
  | { phase: 'uploading' | 'paused'; fileName: string; sent: number; total: number; rate: number | null }
  /** Refused (by us or the server) or broken: `message` in `lang` when it is the server's words. */
  | { phase: 'failed'; fileName: string; message: string; code: string | null; lang?: string }
  /** Every byte is on the server, which accepted the file: processing follows. */
  | { phase: 'done'; fileName: string };

export interface VideoUploader {
  state: UploadState;
  /** An upload of this resource the browser remembers but did not finish (tab closed): its file name. */
  interrupted: string | null;
  start(file: File): void;
  pause(): void;
  resume(): void;
  cancel(): void;
}

interface Options {
  client: ApiClient;
  resourceId: string;
  endpoint: string;
  maxBytes: number;
  onUploaded: () => void;
}

/**
 * A resumable tus upload of one file for this resource. The Bearer token is read at every request
 * (it is refreshed while the page is open); the browser remembers the upload URL under a
 * fingerprint naming the resource, so choosing the same file again after closing the tab
 * continues where it stopped instead of starting over.
 */
export function useVideoUpload({ client, resourceId, endpoint, maxBytes, onUploaded }: Options): VideoUploader {
  const { t, locale } = useI18n();
  const [state, setState] = useState<UploadState>({ phase: 'idle' });
  const [interrupted, setInterrupted] = useState<string | null>(null);
  const upload = useRef<tus.Upload | null>(null);
  const rate = useRef(new TransferRate());
  const uploaded = useRef(onUploaded);
  uploaded.current = onUploaded;

  useEffect(() => {
    let active = true;
    void findInterrupted(resourceId).then((name) => active && setInterrupted(name));
    return () => {
      active = false;
      // Leaving the page stops sending; the remembered URL lets the next visit continue.
      void upload.current?.abort(false);
    };
  }, [resourceId]);

  const start = (file: File) => {
    const refused = checkFileSize(locale, t, file.size, maxBytes);
    if (refused) return setState({ phase: 'failed', fileName: file.name, message: refused, code: 'client-check' });
    void upload.current?.abort(false);
    rate.current.reset();
    const total = file.size;
    setState({ phase: 'uploading', fileName: file.name, sent: 0, total, rate: null });
    const current: tus.Upload = new tus.Upload(file, {
      endpoint,
      chunkSize: CHUNK_BYTES,
      retryDelays: RETRY_DELAYS,
      metadata: { resourceId, filename: file.name, filetype: file.type || 'application/octet-stream' },
      fingerprint: async (f: File) => ['amphi', resourceId, f.name, f.type, f.size, f.lastModified].join('/'),
      removeFingerprintOnSuccess: true,
      onBeforeRequest: (req) => {
        req.setHeader('Authorization', `Bearer ${client.token()}`);
        if (client.locale) req.setHeader('Accept-Language', client.locale);
      },
      onProgress: (sent, bytesTotal) => {
        if (upload.current !== current) return;
        rate.current.add(sent);
        setState((s) => (s.phase === 'uploading' ? { ...s, sent, total: bytesTotal, rate: rate.current.bytesPerSecond() } : s));
      },
      onSuccess: () => {
        if (upload.current !== current) return;
        setInterrupted(null);
        setState({ phase: 'done', fileName: file.name });
        uploaded.current();
      },
      onError: (error) => {
        if (upload.current !== current) return;
        const described = describeUploadError(error, t, client.locale);
        // Refused for good (not a network or server hiccup): nothing to continue later.
        if (described.code !== 'network') void forgetUploads(resourceId).then(() => setInterrupted(null));
        setState({ phase: 'failed', fileName: file.name, ...described });
      },
    });
    upload.current = current;
    void current
      .findPreviousUploads()
      .then((previous) => {
        if (previous[0]) current.resumeFromPreviousUpload(previous[0]);
      })
      .catch(() => undefined)
      .finally(() => upload.current === current && current.start());
  };

  return {
    state,
    interrupted,
    start,
    pause: () => {
      if (state.phase !== 'uploading') return;
      void upload.current?.abort(false);
      setState({ ...state, phase: 'paused', rate: null });
    },
    resume: () => {
      if (state.phase !== 'paused' || !upload.current) return;
      rate.current.reset();
      setState({ ...state, phase: 'uploading' });
      upload.current.start();
    },
    cancel: () => {
      const current = upload.current;
      upload.current = null;
      setState({ phase: 'idle' });
      setInterrupted(null);
      // Terminate: the server deletes what it received (tus termination); nothing to keep.
      void current
        ?.abort(true)
        .catch(() => undefined)
        .then(() => forgetUploads(resourceId));
    },
  };
}

/** The server's problem+json `detail` when it said why (413, 422, 507…), else our own words. */
export function describeUploadError(error: Error, t: Translate, locale?: string): { message: string; code: string | null; lang?: string } {
  const response = (error as tus.DetailedError).originalResponse ?? null;
  if (!response) return { message: t('videoEditor.upload.error.network'), code: 'network' };
  const status = response.getStatus();
  let problem: { detail?: unknown; localizedDetail?: unknown; locale?: unknown; code?: unknown } = {};
  try {
    problem = JSON.parse(response.getBody() || '{}') as typeof problem;
  } catch {
    // Not JSON (a proxy's page): our own words below.
  }
  const code = typeof problem.code === 'string' ? problem.code : `http-${status}`;
  // The server's words in the page's language when it sent them (localizedDetail); `detail` is its English.
  if (typeof problem.localizedDetail === 'string' && problem.localizedDetail) {
    return { message: problem.localizedDetail, code, lang: typeof problem.locale === 'string' ? problem.locale : locale };
  }
  if (typeof problem.detail === 'string' && problem.detail) return { message: problem.detail, code, lang: 'en' };
  if (status === 413) return { message: t('videoEditor.upload.error.tooLarge'), code };
  if (status === 507) return { message: t('videoEditor.upload.error.noSpace'), code };
  if (status === 401 || status === 403) return { message: t('error.session-required'), code };
  return { message: t('videoEditor.upload.error.failed', { status: String(status) }), code };
}

type Remembered = Awaited<ReturnType<tus.Upload['findPreviousUploads']>>[number];

function remembered(all: Remembered[], resourceId: string): Remembered[] {
  return all.filter((u) => u.metadata.resourceId === resourceId);
}

async function forgetUploads(resourceId: string): Promise<void> {
  try {
    const storage = tus.defaultOptions.urlStorage;
    for (const u of remembered(await storage.findAllUploads(), resourceId)) await storage.removeUpload(u.urlStorageKey);
  } catch {
    // Storage refused (private mode): nothing was remembered either.
  }
}

/** The file name of an unfinished upload of this resource the browser remembers. */
async function findInterrupted(resourceId: string): Promise<string | null> {
  try {
    const mine = remembered(await tus.defaultOptions.urlStorage.findAllUploads(), resourceId);
    return mine[mine.length - 1]?.metadata.filename ?? null;
  } catch {
    return null;
  }
}
