import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** 0-based index of the match shown, and how many there are. */
  active: number;
  total: number;
  onMove: (step: 1 | -1) => void;
}

/** The search field, "n of m" (a polite live region) and previous / next match; Enter goes to the next, Shift+Enter back. */
export function TranscriptSearch({ query, onQuery, active, total, onMove }: Props) {
  const { t } = useI18n();
  const format = useFormatter();
  const n = (x: number) => format.number(x);
  const count = !query.trim() ? '' : total === 0 ? t('transcript.results.none') : t('transcript.results', { current: n(active + 1), total: n(total) });
  return (
    <div class="amphi-transcript-search" role="search">
      <label for="amphi-transcript-query">{t('transcript.search')}</label>
      <div class="amphi-transcript-search-row">
        <input
          id="amphi-transcript-query"
          class="amphi-input"
          type="search"
          autoComplete="off"
          value={query}
          aria-describedby="amphi-transcript-count"
          data-testid="transcript-search"
          onInput={(e) => onQuery((e.currentTarget as HTMLInputElement).value)}
          onKeyDown={(e) => {
            if (e.key !== 'Enter' || total === 0) return;
            e.preventDefault();
            onMove(e.shiftKey ? -1 : 1);
          }}
        />
        <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" aria-disabled={total === 0} data-testid="transcript-previous" onClick={() => total && onMove(-1)}>
          {t('transcript.previous')}
        </button>
        <button type="button" class="amphi-button amphi-button-small amphi-button-secondary" aria-disabled={total === 0} data-testid="transcript-next" onClick={() => total && onMove(1)}>
          {t('transcript.next')}
        </button>
      </div>
      <p id="amphi-transcript-count" class="amphi-transcript-count" role="status" aria-live="polite" data-testid="transcript-count" data-total={total}>
        {count}
      </p>
    </div>
  );
}
