export type Theme = 'light' | 'dark';

export interface DisplayPreferences {
  /** null: follow the system (prefers-color-scheme). */
  theme: Theme | null;
  dyslexia: boolean;
  /** null: follow the system (prefers-contrast: more, or forced colours). */
  highContrast: boolean | null;
}

/** What the page shows: the preferences with the system's choices filled in. */
export interface Display {
  theme: Theme;
  dyslexia: boolean;
  highContrast: boolean;
}

const STORAGE_KEY = 'amphi.display';
const DEFAULTS: DisplayPreferences = { theme: null, dyslexia: false, highContrast: null };

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
      highContrast: typeof value.highContrast === 'boolean' ? value.highContrast : null,
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

export const DARK_QUERY = '(prefers-color-scheme: dark)';
/** Windows' contrast themes (forced colours) ask for the same thing as prefers-contrast. */
export const CONTRAST_QUERY = '(prefers-contrast: more), (forced-colors: active)';

export function systemTheme(): Theme {
  return window.matchMedia?.(DARK_QUERY).matches ? 'dark' : 'light';
}

export function systemHighContrast(): boolean {
  return window.matchMedia?.(CONTRAST_QUERY).matches ?? false;
}

export function resolveDisplay(preferences: DisplayPreferences, system: { theme: Theme; highContrast: boolean }): Display {
  return {
    theme: preferences.theme ?? system.theme,
    dyslexia: preferences.dyslexia,
    highContrast: preferences.highContrast ?? system.highContrast,
  };
}

/**
 * The stylesheet keys off `<html data-theme data-contrast data-font>`. `highContrast` defaults
 * to the remembered choice (or the system's) so a caller that predates it still applies it.
 */
export function applyDisplay(
  theme: Theme,
  dyslexia: boolean,
  root: HTMLElement = document.documentElement,
  highContrast: boolean = loadDisplayPreferences().highContrast ?? systemHighContrast(),
): void {
  root.dataset.theme = theme;
  root.dataset.contrast = highContrast ? 'more' : 'normal';
  if (dyslexia) root.dataset.font = 'dyslexia';
  else delete root.dataset.font;
}
