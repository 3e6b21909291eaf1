import type { RecordingImportStatus } from '../classroom.table.js';

/** One recording as GET /api/classrooms/:resourceId/recordings lists it. */
export interface RecordingResponse {
  recordId: string;
  /** The teacher's name for it when renamed, else BBB's (the meeting's name). */
  name: string;
  startTime: string;
  endTime: string;
  durationSeconds: number;
  participants: number;
  published: boolean;
  protected: boolean;
  state: 'processing' | 'processed' | 'published' | 'unpublished' | 'deleted';
  formats: {
    type: string;
    /** Opens the playback (a protected recording's URL carries a one-time token: list again to play again). */
    url: string;
    lengthMinutes: number;
    previewImages: { url: string; width: number | null; height: number | null; alt: string | null }[];
  }[];
  /** Whether the video format exists: only then can it be imported. */
  importable: boolean;
  /** Teachers only: the import into the video library. */
  import: null | {
    status: RecordingImportStatus;
    error: string | null;
    videoResourceId: string | null;
  };
}

export interface RecordingListResponse {
  items: RecordingResponse[];
  offset: number;
  limit: number;
  total: number;
  /** The viewer may publish, rename, delete and import. */
  canEdit: boolean;
  /** The platform has a BigBlueButton server; false: no recordings can exist yet (an empty page, not an error). */
  serverConfigured: boolean;
}
