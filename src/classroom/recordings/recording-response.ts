import type { Recording, RecordingFormat, RecordingsPage } from '../bbb/bbb.types.js';
import type { ClassroomRecordingRow } from '../classroom.table.js';
import type { RecordingResponse } from './recording.view.js';

/**
 * Where a renamed recording keeps its name: BBB has no rename call, a meta_ value set with
 * updateRecordings. The key Moodle's mod_bigbluebuttonbn writes (recording.php,
 * POSSIBLE_REMOTE_META_SOURCE 'name'), so both show the same name.
 */
export const RENAME_META = 'bbb-recording-name';

/** The recording's video playback format (BBB 2.6+ `video`, an MP4/M4V file), if processed. */
export function videoFormat(recording: Recording): RecordingFormat | undefined {
  return recording.formats.find((f) => f.type === 'video' && f.url);
}

export function recordingName(recording: Recording): string {
  const renamed = recording.metadata[RENAME_META]?.trim();
  return renamed || recording.metadata.name?.trim() || recording.name;
}

/** `row`: undefined for learners (no import details), null for a teacher when Amphi has no row. */
export function toRecordingResponse(r: Recording, row: ClassroomRecordingRow | null | undefined): RecordingResponse {
  return {
    recordId: r.recordID,
    name: recordingName(r),
    startTime: new Date(r.startTime).toISOString(),
    endTime: new Date(r.endTime).toISOString(),
    durationSeconds: Math.max(0, Math.round((r.endTime - r.startTime) / 1000)),
    participants: r.participants,
    published: r.published,
    protected: r.protected,
    state: r.state,
    formats: r.formats.map((f) => ({
      type: f.type,
      url: f.url,
      lengthMinutes: f.length,
      previewImages: f.previewImages.map((p) => ({ url: p.url, width: p.width ?? null, height: p.height ?? null, alt: p.alt ?? null })),
    })),
    importable: videoFormat(r) !== undefined,
    import:
      row && row.import_status
        ? { status: row.import_status, error: row.import_error, videoResourceId: row.imported_resource_id }
        : null,
  };
}

/**
 * The page asked for out of BBB's answer. A server that paged (BBB 2.6+ with offset and limit)
 * gave that page and the total; one that did not (Scalelite, older BBB: `limit` null) gave every
 * recording, paged here. `wanted` drops what the viewer may not see.
 */
export function pageOfRecordings(
  answer: RecordingsPage,
  page: { offset: number; limit: number },
  wanted: (r: Recording) => boolean,
): { recordings: Recording[]; total: number } {
  const kept = answer.recordings.filter(wanted);
  if (answer.limit !== null) return { recordings: kept, total: answer.totalElements };
  return { recordings: kept.slice(page.offset, page.offset + page.limit), total: kept.length };
}
