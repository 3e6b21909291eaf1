import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import { contentDisposition } from '../../video/media/media.service.js';
import { formatBytes } from '../../video/byte-size.js';
import { findClassroomRow, lockClassroomRow, setPresentation } from './classroom.repository.js';
import { classroomSettings, getClassroom, loadEditableClassroom } from './classroom-settings.service.js';
import type { ClassroomResponse } from './classroom.view.js';
import { detectPresentationFormat, presentationFileName, type PresentationRefusal } from './presentation-format.js';
import { presentationPath, removePresentationFile, stagePresentation } from './presentation-storage.js';
import { verifyPresentationToken } from './presentation-token.js';

const WHY: Record<PresentationRefusal, { en: string; fr: string }> = {
  empty: { en: 'the file is empty', fr: 'le fichier est vide' },
  executable: { en: 'it is a program, not a document', fr: 'c’est un programme, pas un document' },
  archive: { en: 'it is a ZIP archive, not an office document', fr: 'c’est une archive ZIP, pas un document bureautique' },
  markup: { en: 'it is a web page or XML file', fr: 'c’est une page web ou un fichier XML' },
  'ole-unknown': { en: 'it is an Office file that is neither Word, Excel nor PowerPoint', fr: 'c’est un fichier Office qui n’est ni Word, ni Excel, ni PowerPoint' },
  unknown: { en: 'its content is not a format BigBlueButton converts', fr: 'son contenu n’est pas dans un format que BigBlueButton convertit' },
};

/**
 * Stores the teacher's presentation, replacing the previous one. The format is read from the
 * bytes; a refused file leaves nothing on disk and the previous presentation in place.
 */
export async function savePresentation(ctx: AppContext, session: LaunchSession, resourceId: string, file: { bytes: Buffer; fileName?: string }): Promise<ClassroomResponse> {
  const resource = await loadEditableClassroom(ctx, session, resourceId);
  const format = detectPresentationFormat(file.bytes);
  if (!format.ok) {
    const why = WHY[format.reason];
    throw new AppError('classroom-presentation-refused', format.reason === 'empty' ? 422 : 415, {
      whyEn: why.en,
      whyFr: why.fr,
      issues: [{ path: 'body', message: why.en, rule: format.reason }],
    });
  }
  const fileName = presentationFileName(file.fileName ?? 'presentation', format.ext);
  const presentation = {
    fileName,
    mime: format.mime,
    sizeBytes: file.bytes.length,
    sha256: crypto.createHash('sha256').update(file.bytes).digest('hex'),
    uploadedAt: new Date().toISOString(),
  };
  const staged = await stagePresentation(ctx.config.dataDir, resource.platform_id, resource.id, file.bytes);
  // Under the row's lock: two uploads (or an upload and a removal) never interleave their renames.
  let committed = false;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await lockClassroomRow(trx, resource.platform_id, resource.id))) throw new AppError('classroom-not-found', 404, { resourceId });
      await staged.commit();
      committed = true;
      if (!(await setPresentation(trx, resource.platform_id, resource.id, presentation))) throw new AppError('classroom-not-found', 404, { resourceId });
    });
  } catch (err) {
    // The classroom keeps its previous file and settings: nothing half-changed.
    await (committed ? staged.rollback() : staged.discard());
    throw err;
  }
  await staged.finish();
  ctx.logger.info({ resourceId, platformId: resource.platform_id, mime: format.mime, sizeBytes: presentation.sizeBytes }, 'classroom presentation stored');
  return getClassroom(ctx, session, resourceId);
}

export async function deletePresentation(ctx: AppContext, session: LaunchSession, resourceId: string): Promise<ClassroomResponse> {
  const resource = await loadEditableClassroom(ctx, session, resourceId);
  await ctx.db.transaction().execute(async (trx) => {
    await lockClassroomRow(trx, resource.platform_id, resource.id);
    await setPresentation(trx, resource.platform_id, resource.id, null);
    await removePresentationFile(ctx.config.dataDir, resource.platform_id, resource.id);
  });
  return getClassroom(ctx, session, resourceId);
}

export function presentationTooLarge(ctx: AppContext): AppError {
  return new AppError('classroom-presentation-too-large', 413, { limit: formatBytes(ctx.config.classroom.maxPresentationBytes) });
}

export interface PresentationFile {
  file: string;
  mime: string;
  disposition: string;
}

/**
 * The file a signed presentation URL names (BigBlueButton's download). 403 when the token is
 * forged or expired or the classroom has no presentation any more. A course copy without its own
 * upload shares the original's file (media_resource_id), as copied videos do.
 */
export async function openPresentationFile(ctx: AppContext, token: string): Promise<PresentationFile> {
  const check = verifyPresentationToken(ctx.secrets.sessionKeyBytes, token);
  if (!check.ok) throw new AppError('classroom-presentation-link-invalid', 403, {}, { logReason: check.reason });
  const { platformId, resourceId } = check.grant;
  const row = await findClassroomRow(ctx.db, platformId, resourceId);
  const presentation = row?.kind === 'classroom' ? classroomSettings(row).presentation : null;
  if (!row || !presentation) throw new AppError('classroom-presentation-link-invalid', 403, {}, { logReason: 'no presentation' });
  const candidates = [resourceId, ...(row.media_resource_id ? [row.media_resource_id] : [])].map((id) => presentationPath(ctx.config.dataDir, platformId, id));
  const file = candidates.find((f) => fs.existsSync(f));
  if (!file) throw new AppError('not-found', 404);
  return { file, mime: presentation.mime, disposition: contentDisposition(presentation.fileName) };
}
