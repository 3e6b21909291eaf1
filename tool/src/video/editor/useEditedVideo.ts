import { useEffect, useRef, useState } from 'preact/hooks';
import type { VideoResponse } from '../../api/api-types.js';
import { useApiData, type ApiData } from '../../api/useApiData.js';
import { getVideo } from '../../api/video-api.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** How often the page asks again while a media is being prepared. */
export const POLL_MS = 1500;

export type ProcessingPhase = 'none' | 'uploaded' | 'transcoding' | 'failed' | 'ready';

export interface EditedVideo {
  video: ApiData<VideoResponse>;
  /** The last change of phase, in words, for a live region. */
  news: string;
  /** An upload just finished: keep asking until the server shows what became of it. */
  uploaded(): void;
  /** The teacher cancelled or retried: say so. */
  announce(text: string): void;
}

const NEWS = {
  uploaded: 'videoEditor.news.queued',
  transcoding: 'videoEditor.news.converting',
  failed: 'videoEditor.news.failed',
  ready: 'videoEditor.news.ready',
} as const;

export function phaseOf(video: VideoResponse | undefined): ProcessingPhase {
  if (!video) return 'none';
  if (video.processing) return video.processing.status;
  return video.status === 'ready' ? 'ready' : 'none';
}

/**
 * The teacher's view of GET /api/videos/:id, asked again every POLL_MS while a media is queued
 * or converting (and right after an upload, until the server shows it), with a sentence for
 * screen readers at each change of phase (queued → converting → ready or failed).
 */
export function useEditedVideo(resourceId: string): EditedVideo {
  const { t } = useI18n();
  const video = useApiData((client) => getVideo(client, resourceId), [resourceId]);
  const [news, setNews] = useState('');
  /** The published media's id when the upload finished: polling stops once something else shows. */
  const awaiting = useRef<{ mediaId: string | null } | null>(null);
  const lastPhase = useRef<ProcessingPhase | null>(null);
  const data = video.data;

  useEffect(() => {
    if (!data) return;
    const phase = phaseOf(data);
    const previous = lastPhase.current;
    lastPhase.current = phase;
    const wasAwaiting = awaiting.current !== null;
    if (awaiting.current && (data.processing || (data.media?.id ?? null) !== awaiting.current.mediaId)) awaiting.current = null;
    const replaced = wasAwaiting && awaiting.current === null && phase === 'ready';
    if (!replaced && (previous === null || previous === phase || phase === 'none')) return;
    // "Ready" is news only when it ends a preparation this page watched.
    if (phase === 'ready' && previous !== 'uploaded' && previous !== 'transcoding' && !wasAwaiting) return;
    setNews(t(NEWS[phase]));
  }, [data]);

  const preparing = data?.processing && data.processing.status !== 'failed';
  const shouldPoll = Boolean(preparing || awaiting.current);
  useEffect(() => {
    if (!shouldPoll) return;
    const timer = setTimeout(video.reload, POLL_MS);
    return () => clearTimeout(timer);
  }, [shouldPoll, data, video.status]);

  return {
    video,
    news,
    uploaded: () => {
      awaiting.current = { mediaId: video.data?.media?.id ?? null };
      video.reload();
    },
    announce: setNews,
  };
}
