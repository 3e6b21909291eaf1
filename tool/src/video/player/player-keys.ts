/**
 * The player's keyboard shortcuts (those of YouTube and Able Player, which people already know),
 * as a pure mapping from a key to an action.
 */

export type PlayerAction =
  | { type: 'toggle-play' }
  | { type: 'seek-by'; seconds: number }
  | { type: 'seek-to-fraction'; fraction: number }
  | { type: 'seek-to'; seconds: number }
  | { type: 'volume-by'; delta: number }
  | { type: 'toggle-mute' }
  | { type: 'toggle-fullscreen' }
  | { type: 'toggle-captions' };

export interface KeyInfo {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** What has focus: a button handles Space and Enter itself, a slider its arrows, a menu all. */
  target: 'button' | 'slider' | 'menu' | 'field' | 'other';
}

export function actionForKey(e: KeyInfo, duration: number): PlayerAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || e.target === 'menu' || e.target === 'field') return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (e.target === 'button' && (key === ' ' || key === 'Enter')) return null;
  if (e.target === 'slider' && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'PageUp', 'PageDown'].includes(key)) return null;
  switch (key) {
    case ' ':
    case 'k':
      return { type: 'toggle-play' };
    case 'ArrowLeft':
      return { type: 'seek-by', seconds: -5 };
    case 'ArrowRight':
      return { type: 'seek-by', seconds: 5 };
    case 'j':
      return { type: 'seek-by', seconds: -10 };
    case 'l':
      return { type: 'seek-by', seconds: 10 };
    case 'ArrowUp':
      return { type: 'volume-by', delta: 0.1 };
    case 'ArrowDown':
      return { type: 'volume-by', delta: -0.1 };
    case 'm':
      return { type: 'toggle-mute' };
    case 'f':
      return { type: 'toggle-fullscreen' };
    case 'c':
      return { type: 'toggle-captions' };
    case 'Home':
      return { type: 'seek-to', seconds: 0 };
    case 'End':
      return { type: 'seek-to', seconds: duration };
    default:
      return /^[0-9]$/.test(key) ? { type: 'seek-to-fraction', fraction: Number(key) / 10 } : null;
  }
}

/** The seek slider's own keys: arrows ±5 s, Page ±10 s, Home/End. */
export function sliderSeek(key: string, time: number, duration: number): number | null {
  const clamp = (t: number) => Math.min(duration, Math.max(0, t));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return clamp(time - 5);
    case 'ArrowRight':
    case 'ArrowUp':
      return clamp(time + 5);
    case 'PageDown':
      return clamp(time - 10);
    case 'PageUp':
      return clamp(time + 10);
    case 'Home':
      return 0;
    case 'End':
      return duration;
    default:
      return null;
  }
}

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4] as const;

/**
 * The speeds the menu offers: none faster than the server's maximum (VideoResponse.tracking.
 * maxPlaybackRate, 2 by default), the speed at which it credits watching time: a faster one would
 * play parts the learner is not credited for.
 */
export function playbackSpeeds(maxRate: number): number[] {
  return SPEEDS.filter((s) => s <= maxRate);
}
