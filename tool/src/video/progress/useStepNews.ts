import { useEffect, useRef, useState } from 'preact/hooks';

/** Screen readers hear a long task's progress at each quarter, not at every poll. */
export const NEWS_STEP = 25;

/**
 * The sentence for a polite live region when `percent` (0..100, null while it has none) reaches
 * the next quarter; '' until then. The first value seen is on screen already: not news.
 */
export function useStepNews(percent: number | null, say: (step: number) => string): string {
  const [news, setNews] = useState('');
  const heard = useRef<number | null>(null);
  const step = percent === null ? null : Math.floor(percent / NEWS_STEP) * NEWS_STEP;
  useEffect(() => {
    if (step === null) return;
    const last = heard.current;
    heard.current = step;
    if (last !== null && step > last) setNews(say(step));
  }, [step]);
  return news;
}
