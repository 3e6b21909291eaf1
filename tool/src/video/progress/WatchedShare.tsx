import { useEffect, useRef, useState } from 'preact/hooks';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { announcedStep } from './watched-share.js';

/**
 * "Watched: 42%" under the player, updated while it plays. The line itself is not a live region
 * (it changes every second or so); screen readers hear the share at each quarter and at completion.
 */
export function WatchedShare({ share, completed }: { share: number; completed: boolean }) {
  const { t } = useI18n();
  const format = useFormatter();
  const [news, setNews] = useState('');
  const heard = useRef<{ step: number; completed: boolean } | null>(null);
  const step = announcedStep(share);

  useEffect(() => {
    const last = heard.current;
    heard.current = { step, completed };
    // What the page opened with is on screen already: only what changes is news.
    if (!last || (last.step === step && last.completed === completed)) return;
    if (completed && !last.completed) return setNews(t('player.watched.completed', { percent: format.percent(share) }));
    if (step > last.step) setNews(t('player.watched', { percent: format.percent(step) }));
  }, [step, completed]);

  const text = t(completed ? 'player.watched.completed' : 'player.watched', { percent: format.percent(share) });
  return (
    <>
      <p class="amphi-muted" data-testid="video-progress" data-watched={share} data-completed={String(completed)}>
        {text}
      </p>
      <StatusMessage text={news} visuallyHidden testId="video-progress-news" />
    </>
  );
}
