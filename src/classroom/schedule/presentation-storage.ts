import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a classroom's presentation lives: DATA_DIR/classroom/<platformId>/<resourceId>/presentation,
 * one file per classroom. A new one is written to a temp file beside it and renamed into place,
 * so BBB never downloads half a file and a refused or failed upload leaves the old one intact.
 */
export function presentationDir(dataDir: string, platformId: string, resourceId: string): string {
  return path.join(dataDir, 'classroom', safeSegment(platformId), safeSegment(resourceId));
}

export function presentationPath(dataDir: string, platformId: string, resourceId: string): string {
  return path.join(presentationDir(dataDir, platformId, resourceId), 'presentation');
}

export interface StagedPresentation {
  /** Puts the new file in place (one rename: a download gets the old file or the new one, never half). */
  commit(): Promise<void>;
  /** After commit: brings the previous file back (the database refused the change). */
  rollback(): Promise<void>;
  /** After commit: forgets the previous file. */
  finish(): Promise<void>;
  /** Before commit: removes the temp file. */
  discard(): Promise<void>;
}

/** Writes the bytes to a temp file in the classroom's folder, ready to replace the current one. */
export async function stagePresentation(dataDir: string, platformId: string, resourceId: string, bytes: Buffer): Promise<StagedPresentation> {
  const dir = presentationDir(dataDir, platformId, resourceId);
  await fs.promises.mkdir(dir, { recursive: true });
  const id = crypto.randomUUID();
  const temp = path.join(dir, `.upload-${id}.tmp`);
  const backup = path.join(dir, `.previous-${id}`);
  const target = path.join(dir, 'presentation');
  let hadPrevious = false;
  try {
    await fs.promises.writeFile(temp, bytes, { flag: 'wx', mode: 0o600 });
  } catch (err) {
    await fs.promises.rm(temp, { force: true });
    throw err;
  }
  return {
    async commit() {
      // A second name for the current file, so that rollback can put it back.
      hadPrevious = await fs.promises.link(target, backup).then(
        () => true,
        (err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? false : Promise.reject(err)),
      );
      await fs.promises.rename(temp, target);
    },
    async rollback() {
      if (hadPrevious) await fs.promises.rename(backup, target);
      else await fs.promises.rm(target, { force: true });
    },
    finish: () => fs.promises.rm(backup, { force: true }),
    discard: () => fs.promises.rm(temp, { force: true }),
  };
}

/** The file only: another upload's temp file in the folder stays, for its own commit. */
export async function removePresentationFile(dataDir: string, platformId: string, resourceId: string): Promise<void> {
  await fs.promises.rm(presentationPath(dataDir, platformId, resourceId), { force: true });
}

/** Ids become folder names: anything but plain characters is hashed (no `..`, no separators). */
function safeSegment(id: string): string {
  return /^[A-Za-z0-9_-]{1,128}$/.test(id) ? id : crypto.createHash('sha256').update(id).digest('hex');
}
