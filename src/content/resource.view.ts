import type { ClassroomSettings } from '../classroom/classroom-settings.schemas.js';
import type { ResourceKind } from './resource.table.js';

/**
 * Wire shapes of the content API (the front end imports these types).
 *
 * GET    /api/resources?kind=&q=&course=current|all|<courseId>   instructor → ResourceListResponse
 * GET    /api/resources/courses                                   instructor → CourseListResponse
 * POST   /api/resources                                           instructor, CreateResourceBody → 201 ResourceResponse
 * GET    /api/resources/:id                                       learner+ → ResourceResponse
 * PATCH  /api/resources/:id                                       instructor, UpdateResourceBody → ResourceResponse
 * PUT    /api/resource-link/resource  { resourceId }              instructor → SessionResponse (the link now shows that resource)
 * POST   /api/deep-linking/response   DeepLinkingResponseBody     instructor → DeepLinkingResponseResponse
 */
export interface ResourceResponse {
  id: string;
  kind: ResourceKind;
  title: string;
  description: string;
  gradable: boolean;
  scoreMaximum: number | null;
  settings: Record<string, unknown>;
  course: { id: string; title: string | null; label: string | null; current: boolean };
  createdBy: { name: string | null } | null;
  /** A video's poster once it has a published media (signed, it expires): in lists only (GET /api/resources). */
  thumbnailUrl: string | null;
  /** A video's length in seconds once it has a published media: in lists only. */
  durationSeconds?: number;
  /** Whether this session may change it (instructor of the owning course or its creator). */
  canEdit: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface ResourceListResponse {
  items: ResourceResponse[];
}

export interface CourseListResponse {
  /** The current course first, then the teacher's other courses on this platform that hold resources they made. */
  courses: { id: string; title: string | null; label: string | null; current: boolean; resourceCount: number }[];
}

/** Settings at creation, per kind; each feature's issue adds its own. */
export interface VideoSettings {
  allowDownload: boolean;
}
export type { ClassroomSettings } from '../classroom/classroom-settings.schemas.js';
export interface DashboardSettings {
  audience: 'instructors' | 'learners';
  /** The whole course, or only `resourceIds` (resources of the same course). */
  scope: 'course' | 'resources';
  resourceIds: string[];
}

export interface CreateResourceBody {
  kind: ResourceKind;
  title: string;
  description?: string;
  gradable?: boolean;
  scoreMaximum?: number;
  settings?: Partial<VideoSettings & ClassroomSettings & DashboardSettings>;
}
export type UpdateResourceBody = Partial<Omit<CreateResourceBody, 'kind'>>;

export interface DeepLinkingResponseBody {
  /** Empty: the teacher cancelled (the platform is told nothing was selected). */
  items: { resourceId: string; documentTarget?: 'iframe' | 'window' }[];
}

/** The front end posts `jwt` as the form field `JWT` to `returnUrl` (a top-level auto-submitted form). */
export interface DeepLinkingResponseResponse {
  returnUrl: string;
  jwt: string;
}

/** What the picker needs from the deep-linking request (part of the session's route). */
export interface DeepLinkingOptions {
  acceptMultiple: boolean;
  acceptLineItem: boolean;
  /** From Moodle's text editor (placement RichTextEditor): content in a text, not graded; the picker says why. */
  editor: boolean;
  /** Resources to show already chosen (the placeholder the teacher reopened). */
  selectedResourceIds: string[];
  autoCreate: boolean;
  /** Which of iframe / window the platform accepts, in its order of preference. */
  documentTargets: ('iframe' | 'window')[];
  /** False when the platform does not accept ltiResourceLink items: the picker explains and offers nothing. */
  acceptsResourceLinks: boolean;
  title: string | null;
  text: string | null;
}
