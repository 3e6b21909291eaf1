import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { translatorFor, type Locale, type Translate } from './i18n.js';

export interface I18n {
  locale: Locale;
  t: Translate;
}

export const I18nContext = createContext<I18n>({ locale: 'en', t: translatorFor('en') });

export function useI18n(): I18n {
  return useContext(I18nContext);
}
