import type { VideoChapter } from '../../api/api-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { formatClock } from './time-format.js';

/** The chapters, to jump to; the one playing is marked (aria-current). */
export function ChapterList({ chapters, current, onJump }: { chapters: VideoChapter[]; current: number; onJump(time: number): void }) {
  const { t } = useI18n();
  if (chapters.length === 0) return null;
  return (
    <nav class="amphi-player-chapters" aria-label={t('player.chapters')}>
      <h3 class="amphi-player-chapters-heading">{t('player.chapters')}</h3>
      <ol>
        {chapters.map((chapter, i) => (
          <li key={chapter.startSeconds}>
            <button
              type="button"
              class="amphi-player-chapter-button"
              aria-current={i === current ? 'true' : undefined}
              data-testid="player-chapter"
              onClick={() => onJump(chapter.startSeconds)}
            >
              <span class="amphi-player-chapter-time">{formatClock(chapter.startSeconds)}</span>
              <span>{chapter.title}</span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
