import { cueAt, type StoryboardCue } from './storyboard.js';
import { formatClock } from './time-format.js';

/**
 * The storyboard thumbnail above the seek bar: the cue's `#xywh` region of the sprite, drawn as
 * a background (decorative; the slider already speaks the time).
 */
export function SeekPreview({ cues, time, duration }: { cues: StoryboardCue[]; time: number; duration: number }) {
  const cue = cueAt(cues, time);
  if (!cue) return null;
  const left = duration > 0 ? Math.min(100, Math.max(0, (time / duration) * 100)) : 0;
  return (
    <div class="amphi-seek-preview" aria-hidden="true" data-testid="player-seek-preview" style={{ left: `${left}%`, width: `${cue.width}px` }}>
      <div
        class="amphi-seek-preview-image"
        style={{
          width: `${cue.width}px`,
          height: `${cue.height}px`,
          backgroundImage: `url("${cue.image}")`,
          backgroundPosition: `-${cue.x}px -${cue.y}px`,
        }}
      />
      <span class="amphi-seek-preview-time">{formatClock(time)}</span>
    </div>
  );
}
