import { useMemo } from 'preact/hooks';
import { formatterFor, type Formatter } from './format.js';
import { useI18n } from './I18nContext.js';

/** The page language's formatter, the same object from render to render. */
export function useFormatter(): Formatter {
  const { locale } = useI18n();
  return useMemo(() => formatterFor(locale), [locale]);
}
