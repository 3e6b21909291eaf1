import { useRef, useState } from 'preact/hooks';
import type { VideoChapter } from '../../api/api-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { sliderSeek } from './player-keys.js';
import { SeekPreview } from './SeekPreview.js';
import type { StoryboardCue } from './storyboard.js';
import { formatClock, spokenTime } from './time-format.js';

interface Props {
  currentTime: number;
  duration: number;
  bufferedEnd: number;
  chapters: VideoChapter[];
  storyboard: StoryboardCue[];
  onSeek(time: number): void;
}

const percent = (time: number, duration: number) => `${duration > 0 ? Math.min(100, Math.max(0, (time / duration) * 100)) : 0}%`;

/**
 * The seek bar: a slider (arrows ±5 s, Page ±10 s, Home End) that speaks "1 min 05 s of
 * 3 min 20 s", with chapter marks and, while pointing or seeking by keyboard, a preview
 * thumbnail from the storyboard.
 */
export function SeekBar({ currentTime, duration, bufferedEnd, chapters, storyboard, onSeek }: Props) {
  const { t } = useI18n();
  const trackRef = useRef<HTMLDivElement>(null);
  const [preview, setPreview] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);

  const timeAt = (clientX: number) => {
    const rect = trackRef.current?.getBoundingClientRect();
    if (!rect || rect.width === 0) return 0;
    return Math.min(duration, Math.max(0, ((clientX - rect.left) / rect.width) * duration));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const to = sliderSeek(e.key, currentTime, duration);
    if (to === null) return;
    e.preventDefault();
    setPreview(to);
    onSeek(to);
  };

  return (
    <div class="amphi-seek">
      {preview !== null && storyboard.length > 0 && <SeekPreview cues={storyboard} time={preview} duration={duration} />}
      <div
        ref={trackRef}
        class="amphi-seek-track"
        role="slider"
        tabIndex={0}
        aria-label={t('player.seek')}
        aria-valuemin={0}
        aria-valuemax={Math.round(duration)}
        aria-valuenow={Math.round(currentTime)}
        aria-valuetext={t('player.seek.valuetext', { current: spokenTime(currentTime), duration: spokenTime(duration) })}
        data-testid="player-seek"
        onKeyDown={onKeyDown}
        onBlur={() => setPreview(null)}
        onPointerDown={(e) => {
          (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
          setDragging(true);
          onSeek(timeAt(e.clientX));
        }}
        onPointerMove={(e) => {
          const time = timeAt(e.clientX);
          setPreview(time);
          if (dragging) onSeek(time);
        }}
        onPointerUp={() => setDragging(false)}
        onPointerLeave={() => !dragging && setPreview(null)}
      >
        <div class="amphi-seek-buffered" style={{ width: percent(bufferedEnd, duration) }} />
        <div class="amphi-seek-played" style={{ width: percent(currentTime, duration) }} />
        {chapters
          .filter((c) => c.startSeconds > 0)
          .map((c) => (
            <span key={c.startSeconds} class="amphi-seek-chapter" style={{ left: percent(c.startSeconds, duration) }} title={c.title} />
          ))}
        <div class="amphi-seek-thumb" style={{ left: percent(currentTime, duration) }} />
      </div>
      {preview !== null && storyboard.length === 0 && (
        <span class="amphi-seek-tooltip" aria-hidden="true" style={{ left: percent(preview, duration) }}>
          {formatClock(preview)}
        </span>
      )}
    </div>
  );
}
