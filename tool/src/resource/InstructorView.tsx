import { useState } from 'preact/hooks';
import type { ResourceResponse } from '../api/api-types.js';
import { Tabs } from '../components/Tabs.js';
import { useI18n } from '../i18n/I18nContext.js';
import type { SessionResponse } from '../session/session-types.js';
import { lazyView } from '../components/lazy-view.js';
import { dashboardAudience } from '../analytics/dashboard/dashboard-settings.js';
import { useCanManageBbbServer } from '../classroom/server/use-can-manage-bbb-server.js';

// Each kind's editors and figures are chunks of their own: a classroom's teacher never downloads
// the video editor, its upload client or the charts' code.
const InstructorVideo = lazyView(() => import('../video/InstructorVideo.js').then((m) => m.InstructorVideo), 'videoEditor.loading');
const ClassroomRoomPanel = lazyView(() => import('../classroom/join/ClassroomRoomPanel.js').then((m) => m.ClassroomRoomPanel), 'resource.loading');
const ClassroomSettingsPanel = lazyView(
  () => import('../classroom/schedule/ClassroomSettingsPanel.js').then((m) => m.ClassroomSettingsPanel),
  'resource.loading',
);
const RecordingsPanel = lazyView(() => import('../classroom/recordings/RecordingsPanel.js').then((m) => m.RecordingsPanel), 'resource.loading');
const AttendancePanel = lazyView(() => import('../classroom/attendance/AttendancePanel.js').then((m) => m.AttendancePanel), 'resource.loading');
const BbbServerPanel = lazyView(() => import('../classroom/server/BbbServerPanel.js').then((m) => m.BbbServerPanel), 'resource.loading');
const ResourceAnalyticsPanel = lazyView(
  () => import('../analytics/resource/ResourceAnalyticsPanel.js').then((m) => m.ResourceAnalyticsPanel),
  'resource.loading',
);
const CourseDashboard = lazyView(() => import('../analytics/course/CourseDashboard.js').then((m) => m.CourseDashboard), 'resource.loading');
// The tabs every kind shares are not the first shown: fetched when opened.
const ResourceOverview = lazyView(() => import('./ResourceOverview.js').then((m) => m.ResourceOverview), 'resource.loading');
const ResourceSettingsForm = lazyView(() => import('./ResourceSettingsForm.js').then((m) => m.ResourceSettingsForm), 'resource.loading');
const ChangeContentPanel = lazyView(() => import('./ChangeContentPanel.js').then((m) => m.ChangeContentPanel), 'resource.loading');
const GradesPanel = lazyView(() => import('./GradesPanel.js').then((m) => m.GradesPanel), 'grades.loading');
const LearnerPreview = lazyView(() => import('../analytics/dashboard/LearnerPreview.js').then((m) => m.LearnerPreview), 'resource.loading');

/** Ids kept from the first tab set (tests and bookmarks name them): `sessions` is the schedule, `attendance` the participation. */
type ClassroomSection = 'room' | 'sessions' | 'recordings' | 'attendance' | 'server';
type DashboardSection = 'dashboard' | 'learnerPreview';
type Section = 'video' | ClassroomSection | DashboardSection | 'analytics' | 'overview' | 'settings' | 'content' | 'grades';

/**
 * A classroom's own tabs, few enough to fit on one line at 1280 px in French: the room, its
 * schedule and rules, its recordings, who took part (attendance, then the activity's analytics),
 * and for Moodle administrators the platform's BigBlueButton server.
 */
const CLASSROOM_SECTIONS: ClassroomSection[] = ['room', 'sessions', 'recordings', 'attendance'];
const CLASSROOM_LABELS = { room: 'classroom.tab.room', sessions: 'classroom.tab.schedule', recordings: 'classroom.tab.recordings', attendance: 'classroom.tab.participation', server: 'classroom.tab.server' } as const;

/** The kind's own tabs: its editor, then its figures; a dashboard's figures (and the students' view when they see it). */
function ownSections(resource: ResourceResponse, bbbAdmin: boolean): Section[] {
  if (resource.kind === 'video') return ['video', 'analytics'];
  if (resource.kind === 'classroom') return bbbAdmin ? [...CLASSROOM_SECTIONS, 'server'] : CLASSROOM_SECTIONS;
  return dashboardAudience(resource) === 'learners' ? ['dashboard', 'learnerPreview'] : ['dashboard'];
}

interface Props {
  resource: ResourceResponse;
  onUpdated: (resource: ResourceResponse) => void;
  onSessionChange: (session: SessionResponse) => void;
}

/**
 * The teacher's tabs: the kind's own editor first (a video's upload, preview and chapters) and
 * its figures (a dashboard's charts), overview, settings, which resource the link shows, and
 * grades when graded.
 */
export function InstructorView({ resource, onUpdated, onSessionChange }: Props) {
  const { t } = useI18n();
  const bbbAdmin = useCanManageBbbServer(resource.kind === 'classroom');
  const own = ownSections(resource, bbbAdmin);
  const [section, setSection] = useState<Section>(own[0] ?? 'overview');
  const sections: Section[] = [...own, 'overview', 'settings', 'content', ...(resource.gradable ? (['grades'] as const) : [])];
  // Grading was just switched off while on its tab: that tab is gone.
  const shown = sections.includes(section) ? section : sections[0]!;

  function tabLabel(id: Section): string {
    if (id === 'video') return t('videoEditor.tab');
    if (id === 'analytics') return t('resourceAnalytics.tab');
    if (id === 'dashboard') return t('dashboardPage.tab.course');
    if (id === 'learnerPreview') return t('dashboardPage.tab.learner');
    if (id in CLASSROOM_LABELS) return t(CLASSROOM_LABELS[id as ClassroomSection]);
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
      {shown === 'attendance' && (
        <>
          <AttendancePanel resource={resource} onResourceChanged={onUpdated} />
          <ResourceAnalyticsPanel resourceId={resource.id} title={t('resourceAnalytics.heading')} />
        </>
      )}
      {shown === 'server' && <BbbServerPanel />}
      {shown === 'analytics' && <ResourceAnalyticsPanel resourceId={resource.id} title={t('resourceAnalytics.heading')} />}
      {shown === 'dashboard' && <CourseDashboard dashboardId={resource.id} />}
      {shown === 'learnerPreview' && <LearnerPreview dashboardId={resource.id} />}
      {shown === 'overview' && <ResourceOverview resource={resource} />}
      {shown === 'settings' && <ResourceSettingsForm resource={resource} onSaved={onUpdated} />}
      {shown === 'content' && <ChangeContentPanel resource={resource} onSessionChange={onSessionChange} />}
      {shown === 'grades' && <GradesPanel resource={resource} />}
    </Tabs>
  );
}
