import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  applyDisplay,
  CONTRAST_QUERY,
  DARK_QUERY,
  loadDisplayPreferences,
  resolveDisplay,
  saveDisplayPreferences,
  systemHighContrast,
  systemTheme,
  type DisplayPreferences,
  type Theme,
} from './display-preferences.js';

export interface DisplayControls {
  theme: Theme;
  dyslexia: boolean;
  highContrast: boolean;
  setTheme: (theme: Theme) => void;
  setDyslexia: (on: boolean) => void;
  setHighContrast: (on: boolean) => void;
}

/** Follows a media query while the user has not chosen. */
function useMediaQuery(query: string, initial: () => boolean): boolean {
  const [matches, setMatches] = useState(initial);
  useEffect(() => {
    const list = window.matchMedia?.(query);
    if (!list) return;
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/**
 * Light/dark and high contrast (default: the system's) and the dyslexia-friendly font,
 * remembered per browser.
 */
export function useDisplayPreferences(): DisplayControls {
  const [preferences, setPreferences] = useState<DisplayPreferences>(loadDisplayPreferences);
  const dark = useMediaQuery(DARK_QUERY, () => systemTheme() === 'dark');
  const contrast = useMediaQuery(CONTRAST_QUERY, systemHighContrast);
  const display = resolveDisplay(preferences, { theme: dark ? 'dark' : 'light', highContrast: contrast });

  useEffect(
    () => applyDisplay(display.theme, display.dyslexia, document.documentElement, display.highContrast),
    [display.theme, display.dyslexia, display.highContrast],
  );

  const update = useCallback((change: Partial<DisplayPreferences>) => {
    setPreferences((current) => {
      const next = { ...current, ...change };
      saveDisplayPreferences(next);
      return next;
    });
  }, []);

  return {
    ...display,
    setTheme: useCallback((value: Theme) => update({ theme: value }), [update]),
    setDyslexia: useCallback((on: boolean) => update({ dyslexia: on }), [update]),
    setHighContrast: useCallback((on: boolean) => update({ highContrast: on }), [update]),
  };
}
