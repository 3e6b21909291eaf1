import { useState } from 'preact/hooks';
import type { ResourceResponse } from '../api/api-types.js';
import { Tabs } from '../components/Tabs.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { ChangeContentPanel } from './ChangeContentPanel.js';
import { GradesPanel } from './GradesPanel.js';
import { ResourceOverview } from './ResourceOverview.js';
import { ResourceSettingsForm } from './ResourceSettingsForm.js';

type Section = 'overview' | 'settings' | 'content' | 'grades';

interface Props {
  resource: ResourceResponse;
  onUpdated: (resource: ResourceResponse) => void;
  onSessionChange: (session: SessionResponse) => void;
}

/** The teacher's tabs: overview, settings, which resource the link shows, and grades when graded. */
export function InstructorView({ resource, onUpdated, onSessionChange }: Props) {
  const { t } = useI18n();
  const [section, setSection] = useState<Section>('overview');
  const sections: Section[] = resource.gradable ? ['overview', 'settings', 'content', 'grades'] : ['overview', 'settings', 'content'];
  // Grading was just switched off while on its tab: that tab is gone.
  const shown = sections.includes(section) ? section : 'overview';

  return (
    <Tabs
      label={t('resource.tabs')}
      idPrefix="amphi-resource"
      selected={shown}
      onSelect={setSection}
      tabs={sections.map((id) => ({ id, label: t(`resource.tab.${id}`), testId: `resource-tab-${id}` }))}
    >
      {shown === 'overview' && <ResourceOverview resource={resource} />}
      {shown === 'settings' && <ResourceSettingsForm resource={resource} onSaved={onUpdated} />}
      {shown === 'content' && <ChangeContentPanel resource={resource} onSessionChange={onSessionChange} />}
      {shown === 'grades' && <GradesPanel resource={resource} />}
    </Tabs>
  );
}
