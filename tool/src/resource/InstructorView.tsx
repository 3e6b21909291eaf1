import { useState } from 'preact/hooks';
import type { ResourceResponse } from '../api/api-types.js';
import { Tabs } from '../components/Tabs.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { InstructorVideo } from '../video/InstructorVideo.js';
import { AttendancePanel } from '../classroom/attendance/AttendancePanel.js';
import { ClassroomRoomPanel } from '../classroom/join/ClassroomRoomPanel.js';
import { RecordingsPanel } from '../classroom/recordings/RecordingsPanel.js';
import { ClassroomSettingsPanel } from '../classroom/schedule/ClassroomSettingsPanel.js';
import { BbbServerPanel } from '../classroom/server/BbbServerPanel.js';
import { ChangeContentPanel } from './ChangeContentPanel.js';
import { GradesPanel } from './GradesPanel.js';
import { ResourceOverview } from './ResourceOverview.js';
import { ResourceSettingsForm } from './ResourceSettingsForm.js';

type ClassroomSection = 'room' | 'sessions' | 'recordings' | 'attendance' | 'server';
type Section = 'video' | ClassroomSection | 'overview' | 'settings' | 'content' | 'grades';

const CLASSROOM_SECTIONS: ClassroomSection[] = ['room', 'sessions', 'recordings', 'attendance', 'server'];

interface Props {
  resource: ResourceResponse;
  onUpdated: (resource: ResourceResponse) => void;
  onSessionChange: (session: SessionResponse) => void;
}

/**
 * The teacher's tabs: the kind's own editor first (a video's upload, preview and chapters),
 * overview, settings, which resource the link shows, and grades when graded.
 */
export function InstructorView({ resource, onUpdated, onSessionChange }: Props) {
  const { t } = useI18n();
  const own: Section[] = resource.kind === 'video' ? ['video'] : resource.kind === 'classroom' ? CLASSROOM_SECTIONS : [];
  const [section, setSection] = useState<Section>(own[0] ?? 'overview');
  const sections: Section[] = [...own, 'overview', 'settings', 'content', ...(resource.gradable ? (['grades'] as const) : [])];
  // Grading was just switched off while on its tab: that tab is gone.
  const shown = sections.includes(section) ? section : sections[0]!;

  function tabLabel(id: Section): string {
    if (id === 'video') return t('videoEditor.tab');
    if ((CLASSROOM_SECTIONS as Section[]).includes(id)) return t(`classroom.tab.${id as ClassroomSection}`);
    return t(`resource.tab.${id as 'overview' | 'settings' | 'content' | 'grades'}`);
  }

  return (
    <Tabs
      label={t('resource.tabs')}
      idPrefix="amphi-resource"
      selected={shown}
      onSelect={setSection}
      tabs={sections.map((id) => ({ id, label: tabLabel(id), testId: `resource-tab-${id}` }))}
    >
      {shown === 'video' && <InstructorVideo resource={resource} onResourceChanged={onUpdated} />}
      {shown === 'room' && <ClassroomRoomPanel resource={resource} onResourceChanged={onUpdated} />}
      {shown === 'sessions' && <ClassroomSettingsPanel resource={resource} onResourceChanged={onUpdated} />}
      {shown === 'recordings' && <RecordingsPanel resource={resource} onResourceChanged={onUpdated} />}
      {shown === 'attendance' && <AttendancePanel resource={resource} onResourceChanged={onUpdated} />}
      {shown === 'server' && <BbbServerPanel resource={resource} onResourceChanged={onUpdated} />}
      {shown === 'overview' && <ResourceOverview resource={resource} />}
      {shown === 'settings' && <ResourceSettingsForm resource={resource} onSaved={onUpdated} />}
      {shown === 'content' && <ChangeContentPanel resource={resource} onSessionChange={onSessionChange} />}
      {shown === 'grades' && <GradesPanel resource={resource} />}
    </Tabs>
  );
}
