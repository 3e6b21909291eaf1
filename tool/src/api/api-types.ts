/**
 * The server's wire types for the content and grades APIs, imported as types only (erased at
 * build): a change on the server that the front end does not follow fails `npm run typecheck`.
 */
export type {
  ClassroomSettings,
  CourseListResponse,
  CreateResourceBody,
  DashboardSettings,
  DeepLinkingOptions,
  DeepLinkingResponseBody,
  DeepLinkingResponseResponse,
  ResourceListResponse,
  ResourceResponse,
  UpdateResourceBody,
  VideoSettings,
} from '../../../src/content/resource.view.js';
export type { ResourceKind } from '../../../src/content/resource.table.js';
import type { ResourceKind } from '../../../src/content/resource.table.js';
export type { DeliveryState, GradebookResponse, RecordScoreBody, ScoreResponse } from '../../../src/grades/grades.view.js';

import type { CourseListResponse } from '../../../src/content/resource.view.js';
import type { GradebookResponse } from '../../../src/grades/grades.view.js';

export type CourseSummary = CourseListResponse['courses'][number];
export type GradebookLearner = GradebookResponse['learners'][number];

/** The kinds a teacher can pick or create, in the order the picker shows them. */
export const OFFERED_KINDS: readonly ResourceKind[] = ['video', 'classroom', 'dashboard'];

/** The video API's wire types (issue 5): the server's own, so a change there fails typecheck. */
export type { VideoResponse } from '../../../src/video/video.view.js';
import type { VideoResponse } from '../../../src/video/video.view.js';

export type VideoMedia = NonNullable<VideoResponse['media']>;
export type VideoProcessing = NonNullable<VideoResponse['processing']>;
export type VideoChapter = VideoResponse['chapters'][number];
export type VideoCaptionTrack = VideoResponse['captions'][number];
export type VideoProgress = NonNullable<VideoResponse['progress']>;

export interface UpdateVideoBody {
  title?: string;
  description?: string;
  allowDownload?: boolean;
  completionThreshold?: number;
  chapters?: VideoChapter[];
}

export interface StatementsResponse {
  stored: number;
  progress: VideoProgress;
}
