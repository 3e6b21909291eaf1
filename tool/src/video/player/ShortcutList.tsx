import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';

/** Each shortcut of player-keys.ts, in the order people look for them. */
const SHORTCUTS = ['play', 'seek5', 'seek10', 'volume', 'mute', 'fullscreen', 'captions', 'ends', 'jump'] as const;

/** The player's keyboard shortcuts behind a disclosure: a list of keys and what they do. */
export function ShortcutList() {
  const { t } = useI18n();
  const format = useFormatter();
  return (
    <details class="amphi-player-shortcuts" data-testid="player-shortcuts">
      <summary>{t('player.shortcuts')}</summary>
      <p>{t('player.shortcuts.intro')}</p>
      <dl class="amphi-shortcut-list">
        {SHORTCUTS.map((id) => (
          <div key={id} class="amphi-shortcut">
            <dt>
              <kbd>{t(`player.shortcuts.${id}.keys`)}</kbd>
            </dt>
            <dd>{t(`player.shortcuts.${id}`, { from: format.percent(0), to: format.percent(0.9) })}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
