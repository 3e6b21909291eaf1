import { en, type MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** The action's name in the page's language; an action we have no words for, as the server named it. */
export function actionName(action: string, t: (key: MessageKey) => string): { text: string; lang?: string } {
  const key = `action.${action}`;
  return key in en ? { text: t(key as MessageKey) } : { text: action, lang: 'en' };
}

export function ActionName({ action }: { action: string }) {
  const { t } = useI18n();
  const name = actionName(action, t);
  return <span lang={name.lang}>{name.text}</span>;
}
