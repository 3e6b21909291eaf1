/** Times as the player shows and speaks them. */

const pad = (n: number) => String(n).padStart(2, '0');

function parts(seconds: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/** `3:12`, `1:02:05`: the clock on screen. */
export function formatClock(seconds: number): string {
  const { h, m, s } = parts(seconds);
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** `1 min 05 s`, `1 h 02 min 05 s`, `45 s`: what a screen reader says (same in fr and en). */
export function spokenTime(seconds: number): string {
  const { h, m, s } = parts(seconds);
  if (h) return `${h} h ${pad(m)} min ${pad(s)} s`;
  if (m) return `${m} min ${pad(s)} s`;
  return `${s} s`;
}

/** Where playback resumes: null when the saved position is too close to either end. */
export function resumePosition(positionSeconds: number | undefined, durationSeconds: number): number | null {
  if (positionSeconds === undefined || !(durationSeconds > 0)) return null;
  if (positionSeconds < 5 || positionSeconds > durationSeconds - 5) return null;
  return positionSeconds;
}

/** The chapter playing at `time` (chapters sorted by start), or -1 before the first. */
export function chapterIndexAt(chapters: readonly { startSeconds: number }[], time: number): number {
  let index = -1;
  chapters.forEach((chapter, i) => {
    if (chapter.startSeconds <= time) index = i;
  });
  return index;
}
