import type { ColumnType, Selectable } from 'kysely';
import type { CaptionKind, CaptionSource } from './captions.view.js';

export interface CaptionTracksTable {
  id: string;
  platform_id: string;
  media_id: string;
  lang: string;
  kind: CaptionKind;
  label: string;
  /** The current version's source. */
  source: CaptionSource;
  version: number;
  cue_count: number;
  warning_count: number;
  updated_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type CaptionTrackRow = Selectable<CaptionTracksTable>;

export interface CaptionVersionsTable {
  track_id: string;
  version: number;
  source: CaptionSource;
  /** The cues as JSON text (Cue[]). */
  cues: string;
  cue_count: number;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
}
export type CaptionVersionRow = Selectable<CaptionVersionsTable>;

export type CaptionGenerationStatus = 'queued' | 'running' | 'failed';

export interface CaptionGenerationsTable {
  id: string;
  platform_id: string;
  media_id: string;
  lang: string;
  status: CaptionGenerationStatus;
  /** Asked for by the upload (the platform's setting), not by a person. */
  automatic: boolean;
  job_id: string | null;
  progress: number | null;
  progress_label: string | null;
  error: string | null;
  requested_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type CaptionGenerationRow = Selectable<CaptionGenerationsTable>;
