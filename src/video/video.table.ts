import type { ColumnType, Selectable } from 'kysely';
import type { MediaProbe, TranscodeOutput } from './ffmpeg/index.js';

export type MediaStatus = 'uploaded' | 'transcoding' | 'ready' | 'failed';
export type MediaState = 'pending' | 'published' | 'retired';

/** JSON columns: what Kysely reads (parsed) and what it writes (a JSON string). */
type Json<T> = ColumnType<T | null, string | null | undefined, string | null>;

export interface VideoMediaTable {
  id: string;
  platform_id: string;
  /** The resource that owns the media (copies play it through resources.media_resource_id). */
  resource_id: string;
  status: MediaStatus;
  state: ColumnType<MediaState, MediaState | undefined, MediaState>;
  file_name: string;
  mime: string;
  size_bytes: number;
  probe: Json<MediaProbe>;
  output: Json<TranscodeOutput>;
  first_rendition_ready: ColumnType<boolean, boolean | undefined, boolean>;
  job_id: string | null;
  progress: number | null;
  progress_label: string | null;
  error: string | null;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  ready_at: Date | null;
  retired_at: Date | null;
}
export type VideoMediaRow = Selectable<VideoMediaTable>;
