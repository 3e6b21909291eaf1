import { useEffect, useState } from 'preact/hooks';
import { parseStoryboard, type StoryboardCue } from './storyboard.js';

/** The storyboard's cues (none until loaded, or when it cannot be: the preview is a bonus). */
export function useStoryboard(url: string | null): StoryboardCue[] {
  const [cues, setCues] = useState<StoryboardCue[]>([]);
  useEffect(() => {
    setCues([]);
    if (!url) return;
    const controller = new AbortController();
    fetch(url, { signal: controller.signal, credentials: 'omit' })
      .then((r) => (r.ok ? r.text() : ''))
      .then((text) => setCues(parseStoryboard(text, new URL(url, window.location.href).href)))
      .catch(() => undefined);
    return () => controller.abort();
  }, [url]);
  return cues;
}
