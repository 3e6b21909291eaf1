import type { DeliveryState } from '../api/api-types.js';
import { useI18n } from '../i18n/I18nContext.js';

/** Where a score stands on its way to the platform's gradebook: sent, pending or failed. */
export function DeliveryStateBadge({ state }: { state: DeliveryState }) {
  const { t } = useI18n();
  return (
    <span class={`amphi-badge amphi-state-${state}`} data-testid="grade-state" data-state={state}>
      {t(`grades.state.${state}`)}
    </span>
  );
}
