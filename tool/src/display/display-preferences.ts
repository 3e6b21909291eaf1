export type Theme = 'light' | 'dark';

export interface DisplayPreferences {
  /** null: follow the system (prefers-color-scheme). */
  theme: Theme | null;
  dyslexia: boolean;
}

const STORAGE_KEY = 'amphi.display';
const DEFAULTS: DisplayPreferences = { theme: null, dyslexia: false };

/**
 * localStorage throws in sandboxed iframes and when storage is disabled: the page must keep
 * working, it only forgets the choice.
 */
function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function loadDisplayPreferences(): DisplayPreferences {
  try {
    const raw = storage()?.getItem(STORAGE_KEY);
    if (!raw) return DEFAULTS;
    const value = JSON.parse(raw) as Partial<DisplayPreferences>;
    return {
      theme: value.theme === 'light' || value.theme === 'dark' ? value.theme : null,
      dyslexia: value.dyslexia === true,
    };
  } catch {
    return DEFAULTS;
  }
}

export function saveDisplayPreferences(preferences: DisplayPreferences): void {
  try {
    storage()?.setItem(STORAGE_KEY, JSON.stringify(preferences));
  } catch {
    // Quota exceeded or storage denied: the choice lasts for this page only.
  }
}

export function systemTheme(): Theme {
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The stylesheet keys off `<html data-theme data-font>`. */
export function applyDisplay(theme: Theme, dyslexia: boolean, root: HTMLElement = document.documentElement): void {
  root.dataset.theme = theme;
  if (dyslexia) root.dataset.font = 'dyslexia';
  else delete root.dataset.font;
}
