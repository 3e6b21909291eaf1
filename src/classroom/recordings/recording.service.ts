import type { AppContext } from '../../app-context.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import { canEdit, loadEditableResource, loadViewableResource } from '../../content/resource.service.js';
import { AppError, ConflictError } from '../../http/errors.js';
import { enqueueJob } from '../../jobs/job.service.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import type { BbbApi, Recording, RecordingState } from '../bbb/bbb.types.js';
import { bbbApiFor, isBbbServerConfigured } from '../servers/bbb-server.service.js';
import { deleteRecordingRow, listRecordingRows, markImportQueued } from './recording.repository.js';
import type { RecordingChanges } from './recording.schemas.js';
import { pageOfRecordings, RENAME_META, toRecordingResponse, videoFormat } from './recording-response.js';
import type { RecordingListResponse, RecordingResponse } from './recording.view.js';

/** Imports get few attempts: a download that failed three times will not succeed at the fourth. */
export const IMPORT_MAX_ATTEMPTS = 3;

/** Every state a teacher sees: deleted recordings are gone. */
const TEACHER_STATES: RecordingState[] = ['processing', 'processed', 'published', 'unpublished'];

/** BBB's meetingID of a classroom (meetings/meeting.service.ts classroomMeetingId: the same rule). */
export function recordingMeetingId(resourceId: string): string {
  return `amphi-${resourceId}`;
}

function assertClassroom(resource: ResourceWithCourse): ResourceWithCourse {
  if (resource.kind !== 'classroom') throw new AppError('recording-not-a-classroom', 404, { resourceId: resource.id });
  return resource;
}

/**
 * A page of the classroom's recordings. Teachers see every state, learners the published ones.
 * A server that does not paginate (Scalelite, BBB before 2.6) answers them all: paged here.
 */
export async function listRecordings(
  ctx: AppContext,
  session: LaunchSession,
  resourceId: string,
  page: { offset: number; limit: number },
): Promise<RecordingListResponse> {
  const resource = assertClassroom(await loadViewableResource(ctx, session, resourceId));
  const editor = canEdit(session, resource);
  // No server yet: nothing was ever recorded, which is not an error to show (least of all to learners).
  if (!(await isBbbServerConfigured(ctx, resource.platform_id))) return { items: [], offset: page.offset, limit: page.limit, total: 0, canEdit: editor, serverConfigured: false };
  const bbb = await bbbApiFor(ctx, resource.platform_id);
  const answer = await bbb.getRecordings({
    meetingID: [recordingMeetingId(resource.id)],
    state: editor ? TEACHER_STATES : ['published'],
    offset: page.offset,
    limit: page.limit,
  });
  // Whatever the server did with the filters, only this classroom's, in the viewer's states.
  const wanted = (r: Recording) => r.meetingID === recordingMeetingId(resource.id) && (editor ? r.state !== 'deleted' : r.state === 'published' && r.published);
  const { recordings, total } = pageOfRecordings(answer, page, wanted);
  const rows = editor ? await listRecordingRows(ctx.db, resource.platform_id, resource.id, recordings.map((r) => r.recordID)) : [];
  return {
    items: recordings.map((r) => toRecordingResponse(r, editor ? (rows.find((row) => row.record_id === r.recordID) ?? null) : undefined)),
    offset: page.offset,
    limit: page.limit,
    total,
    canEdit: editor,
    serverConfigured: true,
  };
}

/**
 * The recording, asked of BBB by its recordID, when it is this classroom's: another classroom's
 * or platform's recordID is a 404 like one that does not exist.
 */
async function loadClassroomRecording(bbb: BbbApi, resource: ResourceWithCourse, recordId: string): Promise<Recording> {
  const answer = await bbb.getRecordings({ recordID: [recordId], state: TEACHER_STATES });
  const found = answer.recordings.find((r) => r.recordID === recordId && r.meetingID === recordingMeetingId(resource.id) && r.state !== 'deleted');
  if (!found) throw new AppError('recording-not-found', 404, { recordId });
  return found;
}

async function editableRecording(ctx: AppContext, session: LaunchSession, resourceId: string, recordId: string) {
  const resource = assertClassroom(await loadEditableResource(ctx, session, resourceId));
  const bbb = await bbbApiFor(ctx, resource.platform_id);
  return { resource, bbb, recording: await loadClassroomRecording(bbb, resource, recordId) };
}

/** Publish/unpublish, protect, rename; answers the recording as BBB has it afterwards. */
export async function updateRecording(ctx: AppContext, session: LaunchSession, resourceId: string, recordId: string, changes: RecordingChanges): Promise<RecordingResponse> {
  const { resource, bbb } = await editableRecording(ctx, session, resourceId, recordId);
  if (changes.published !== undefined) await bbb.publishRecordings([recordId], changes.published);
  if (changes.name !== undefined || changes.protected !== undefined) {
    await bbb.updateRecordings([recordId], {
      ...(changes.name !== undefined ? { meta: { [RENAME_META]: changes.name } } : {}),
      ...(changes.protected !== undefined ? { protect: changes.protected } : {}),
    });
  }
  ctx.logger.info({ resourceId, recordId, changes: Object.keys(changes) }, 'recording changed');
  const after = await loadClassroomRecording(bbb, resource, recordId);
  const [row] = await listRecordingRows(ctx.db, resource.platform_id, resource.id, [recordId]);
  return toRecordingResponse(after, row ?? null);
}

/** Deletes it on BBB (for good); an import already made stays in the video library. */
export async function deleteRecording(ctx: AppContext, session: LaunchSession, resourceId: string, recordId: string): Promise<void> {
  const { resource, bbb } = await editableRecording(ctx, session, resourceId, recordId);
  await bbb.deleteRecordings([recordId]);
  await deleteRecordingRow(ctx.db, resource.platform_id, recordId);
  ctx.logger.info({ resourceId, recordId }, 'recording deleted');
}

/** Queues the 'import-recording' job: 409 without the video format, or while an import is under way or done. */
export async function requestImport(ctx: AppContext, session: LaunchSession, resourceId: string, recordId: string): Promise<RecordingResponse> {
  const { resource, recording } = await editableRecording(ctx, session, resourceId, recordId);
  if (!videoFormat(recording)) throw new ConflictError('recording-no-video-format', 409, { recordId });
  const platformId = resource.platform_id;
  const queued = await ctx.db.transaction().execute(async (trx) => {
    const job = await enqueueJob(trx, 'import-recording', { platformId, recordId }, { platformId, maxAttempts: IMPORT_MAX_ATTEMPTS });
    if (await markImportQueued(trx, { platformId, recordId, resourceId: resource.id, jobId: job.id, importedBy: session.user?.id ?? null })) return true;
    // Rolls the job back with the transaction.
    throw new ConflictError('recording-import-exists', 409, { recordId });
  });
  if (queued) ctx.jobs.wake();
  ctx.logger.info({ resourceId, recordId }, 'recording import queued');
  const [row] = await listRecordingRows(ctx.db, platformId, resource.id, [recordId]);
  return toRecordingResponse(recording, row ?? null);
}
