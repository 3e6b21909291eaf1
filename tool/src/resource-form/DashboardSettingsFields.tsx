import { ChoiceGroup } from '../components/ChoiceGroup.js';
import { useI18n } from '../i18n/I18nContext.js';
import { DashboardResourceChoice } from './DashboardResourceChoice.js';
import type { DraftErrors, ResourceDraft } from './resource-draft.js';

interface Props {
  draft: ResourceDraft;
  errors: DraftErrors;
  onChange: (change: Partial<ResourceDraft>) => void;
}

/** Who sees the dashboard, and what it covers: the whole course or chosen resources of it. */
export function DashboardSettingsFields({ draft, errors, onChange }: Props) {
  const { t } = useI18n();
  return (
    <>
      <ChoiceGroup
        legend={t('form.dashboard.audience')}
        value={draft.audience}
        options={[
          { value: 'instructors', label: t('form.dashboard.audience.instructors') },
          { value: 'learners', label: t('form.dashboard.audience.learners'), hint: t('form.dashboard.audience.learners.hint') },
        ]}
        onChange={(audience) => onChange({ audience })}
        testId="dashboard-audience"
      />
      <ChoiceGroup
        legend={t('form.dashboard.scope')}
        value={draft.scope}
        options={[
          { value: 'course', label: t('form.dashboard.scope.course') },
          { value: 'resources', label: t('form.dashboard.scope.resources'), hint: t('form.dashboard.scope.resources.hint') },
        ]}
        onChange={(scope) => onChange({ scope })}
        testId="dashboard-scope"
      />
      {draft.scope === 'resources' && (
        <DashboardResourceChoice selected={draft.resourceIds} error={errors.resourceIds} onChange={(resourceIds) => onChange({ resourceIds })} />
      )}
    </>
  );
}
