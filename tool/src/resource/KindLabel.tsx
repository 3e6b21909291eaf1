import type { ResourceKind } from '../api/api-types.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';

/** The kind's icon and name. */
export function KindLabel({ kind, testId }: { kind: ResourceKind; testId?: string }) {
  const { t } = useI18n();
  return (
    <span class="amphi-kind" data-testid={testId} data-value={kind}>
      <Icon name={kind} />
      <span>{t(`kind.${kind}`)}</span>
    </span>
  );
}
