import type { CueLimits } from '../../../../src/captions/format/cue.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { plural } from '../../i18n/plural.js';

interface Props {
  /** Cues with a warning or a timing problem. */
  count: number;
  limits: CueLimits;
  onNext: () => void;
}

/** How many cues need attention, with the limits they are judged by and a button to the next one. */
export function WarningsSummary({ count, limits, onNext }: Props) {
  const { t, locale } = useI18n();
  const format = useFormatter();
  const n = (x: number) => format.number(x, 2);
  return (
    <div class="amphi-captions-warnings-summary" data-testid="captions-warnings" data-count={count}>
      <p>
        <Icon name={count ? 'alert' : 'check'} />
        <span data-testid="captions-warnings-count">{count ? plural(locale, 'captions.warnings.count', count) : t('captions.warnings.none')}</span>
      </p>
      {count > 0 && (
        <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" data-testid="captions-next-warning" onClick={onNext}>
          {t('captions.warnings.next')}
        </button>
      )}
      <p class="amphi-hint">
        {t('captions.warnings.limits', {
          lines: n(limits.maxLines),
          length: n(limits.maxLineLength),
          cps: n(limits.maxCharsPerSecond),
          min: n(limits.minDuration),
          max: n(limits.maxDuration),
        })}
      </p>
    </div>
  );
}
