import { useEffect, useRef, useState } from 'preact/hooks';
import { getCaptions, type CaptionsResponse } from '../../api/captions-api.js';
import { useApiData, type ApiData } from '../../api/useApiData.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { languageName } from '../language.js';

/** How often the panel asks again while automatic captions are being made (as the video's own processing status does). */
export const CAPTIONS_POLL_MS = 2000;

export interface CaptionsState {
  captions: ApiData<CaptionsResponse>;
  /** The last change in words (a generation finished or failed), for the panel's live region. */
  news: string;
  announce(text: string): void;
}

const inProgress = (data: CaptionsResponse | undefined) => data?.generations.some((g) => g.status === 'queued' || g.status === 'running') ?? false;

/**
 * GET /api/videos/:id/captions, asked again every CAPTIONS_POLL_MS while a generation is queued or
 * running, with a sentence when one ends (its track appears) or fails.
 */
export function useCaptions(resourceId: string): CaptionsState {
  const { t, locale } = useI18n();
  const captions = useApiData((client) => getCaptions(client, resourceId), [resourceId]);
  const [news, setNews] = useState('');
  const previous = useRef<CaptionsResponse | undefined>(undefined);
  const data = captions.data;

  useEffect(() => {
    const before = previous.current;
    previous.current = data;
    if (!before || !data) return;
    for (const was of before.generations) {
      if (was.status === 'failed') continue;
      const now = data.generations.find((g) => g.lang === was.lang);
      const language = languageName(was.lang, locale);
      if (now?.status === 'failed') setNews(t('captions.news.generationFailed', { language }));
      else if (!now && data.tracks.some((track) => track.lang === was.lang)) setNews(t('captions.news.generated', { language }));
    }
  }, [data]);

  const polling = inProgress(data);
  useEffect(() => {
    if (!polling) return;
    const timer = setTimeout(captions.reload, CAPTIONS_POLL_MS);
    return () => clearTimeout(timer);
  }, [polling, data, captions.status]);

  return { captions, news, announce: setNews };
}
