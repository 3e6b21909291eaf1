import { useCallback, useEffect, useState } from 'preact/hooks';
import {
  applyDisplay,
  loadDisplayPreferences,
  saveDisplayPreferences,
  systemTheme,
  type DisplayPreferences,
  type Theme,
} from './display-preferences.js';

export interface DisplayControls {
  theme: Theme;
  dyslexia: boolean;
  setTheme: (theme: Theme) => void;
  setDyslexia: (on: boolean) => void;
}

/** Light/dark (default: the system's) and the dyslexia-friendly font, remembered per browser. */
export function useDisplayPreferences(): DisplayControls {
  const [preferences, setPreferences] = useState<DisplayPreferences>(loadDisplayPreferences);
  const [system, setSystem] = useState<Theme>(systemTheme);
  const theme = preferences.theme ?? system;

  useEffect(() => {
    const query = window.matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystem(query.matches ? 'dark' : 'light');
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  useEffect(() => applyDisplay(theme, preferences.dyslexia), [theme, preferences.dyslexia]);

  const update = useCallback((change: Partial<DisplayPreferences>) => {
    setPreferences((current) => {
      const next = { ...current, ...change };
      saveDisplayPreferences(next);
      return next;
    });
  }, []);

  return {
    theme,
    dyslexia: preferences.dyslexia,
    setTheme: useCallback((value: Theme) => update({ theme: value }), [update]),
    setDyslexia: useCallback((on: boolean) => update({ dyslexia: on }), [update]),
  };
}
