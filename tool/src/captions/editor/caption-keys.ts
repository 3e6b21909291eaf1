/**
 * The subtitle editor's keyboard shortcuts, as a pure mapping from a key press to an action.
 *
 * Alt+Shift+letter rather than Alt+letter: on a Mac, Option+E is the dead key that types é and
 * Option+letter types other characters; on Windows, Alt+E and Alt+F open the browser's menu and
 * Alt+Space the window's. Screen readers keep Insert / Caps Lock (NVDA, JAWS) and Ctrl+Option
 * (VoiceOver) for themselves, so none of these is theirs. The letter is read from the physical
 * key (`code`) as well as the character, so Option+Shift+S (which types Í) still works.
 */

export type EditorKeyAction =
  | 'undo'
  | 'redo'
  | 'set-start'
  | 'set-end'
  | 'split'
  | 'merge'
  | 'insert'
  | 'delete'
  | 'play-pause'
  | 'play-cue'
  | 'next-warning';

export interface EditorKeyInfo {
  key: string;
  code: string;
  altKey: boolean;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
}

const ALT_SHIFT: Record<string, EditorKeyAction> = {
  s: 'set-start',
  e: 'set-end',
  enter: 'split',
  m: 'merge',
  i: 'insert',
  d: 'delete',
  k: 'play-pause',
  p: 'play-cue',
  w: 'next-warning',
};

/** The shortcuts as the "Shortcuts" list shows them, in its order. */
export const SHORTCUT_LIST: { action: EditorKeyAction; keys: string }[] = [
  { action: 'play-pause', keys: 'Alt+Shift+K' },
  { action: 'play-cue', keys: 'Alt+Shift+P' },
  { action: 'set-start', keys: 'Alt+Shift+S' },
  { action: 'set-end', keys: 'Alt+Shift+E' },
  { action: 'split', keys: 'Alt+Shift+Enter' },
  { action: 'merge', keys: 'Alt+Shift+M' },
  { action: 'insert', keys: 'Alt+Shift+I' },
  { action: 'delete', keys: 'Alt+Shift+D' },
  { action: 'next-warning', keys: 'Alt+Shift+W' },
  { action: 'undo', keys: 'Ctrl+Z / ⌘Z' },
  { action: 'redo', keys: 'Ctrl+Shift+Z / ⌘⇧Z, Ctrl+Y' },
];

function letterOf(e: EditorKeyInfo): string[] {
  const fromCode = e.code.startsWith('Key') ? e.code.slice(3).toLowerCase() : e.code === 'Enter' || e.code === 'NumpadEnter' ? 'enter' : '';
  return [e.key.toLowerCase(), fromCode];
}

export function editorActionForKey(e: EditorKeyInfo): EditorKeyAction | null {
  const [key, code] = letterOf(e);
  const command = e.ctrlKey !== e.metaKey; // Ctrl on Windows and Linux, ⌘ on a Mac; never both (AltGr is Ctrl+Alt)
  if (command && !e.altKey) {
    if (key === 'z' || code === 'z') return e.shiftKey ? 'redo' : 'undo';
    if (e.ctrlKey && !e.shiftKey && (key === 'y' || code === 'y')) return 'redo';
    return null;
  }
  if (!e.altKey || !e.shiftKey || e.ctrlKey || e.metaKey) return null;
  return ALT_SHIFT[key!] ?? ALT_SHIFT[code!] ?? null;
}
