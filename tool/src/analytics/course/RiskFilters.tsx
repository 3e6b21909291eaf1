import { useId } from 'preact/hooks';
import { TextField } from '../../components/TextField.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { RiskFilter } from './risk-view.js';

interface Props {
  filter: RiskFilter;
  onChange: (change: Partial<RiskFilter>) => void;
}

/** Level, name search and order of the at-risk list; the list follows at once. */
export function RiskFilters({ filter, onChange }: Props) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div class="amphi-filters" data-testid="risk-filters">
      <div class="amphi-form-field">
        <label for={`${id}-level`}>{t('risk.filter.level')}</label>
        <select
          id={`${id}-level`}
          class="amphi-input"
          value={filter.level}
          data-testid="risk-level"
          onChange={(e) => onChange({ level: (e.currentTarget as HTMLSelectElement).value as RiskFilter['level'] })}
        >
          <option value="all">{t('risk.filter.level.all')}</option>
          <option value="high">{t('risk.level.high')}</option>
          <option value="medium">{t('risk.level.medium')}</option>
          <option value="low">{t('risk.level.low')}</option>
        </select>
      </div>
      <TextField label={t('risk.filter.search')} type="search" value={filter.search} testId="risk-search" onInput={(search) => onChange({ search })} />
      <div class="amphi-form-field">
        <label for={`${id}-sort`}>{t('risk.sort')}</label>
        <select
          id={`${id}-sort`}
          class="amphi-input"
          value={filter.sort}
          data-testid="risk-sort"
          onChange={(e) => onChange({ sort: (e.currentTarget as HTMLSelectElement).value as RiskFilter['sort'] })}
        >
          <option value="score">{t('risk.sort.score')}</option>
          <option value="name">{t('risk.sort.name')}</option>
          <option value="last">{t('risk.sort.last')}</option>
        </select>
      </div>
    </div>
  );
}
