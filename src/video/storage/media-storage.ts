import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where media files live. Local disk by default: DATA_DIR/media/<platformId>/<mediaId>/ holds
 * `source` (the uploaded file) and `out/` (what players fetch: HLS, poster, thumbnails, download).
 * Outputs are built elsewhere on the same filesystem and renamed into place, so a player never
 * sees half a directory.
 */
export interface MediaStorage {
  /** The uploaded file's final place (the caller renames the finished upload there). */
  sourcePath(platformId: string, mediaId: string): Promise<string>;
  /** A fresh work directory for a job, on the same filesystem as the media. */
  workDir(name: string): Promise<string>;
  /** Replaces the media's served outputs with `dir` (moved, not copied). */
  publishOutput(platformId: string, mediaId: string, dir: string): Promise<void>;
  /** The absolute path of a served file, or null when `rel` tries to leave the output directory. */
  resolveOutput(platformId: string, mediaId: string, rel: string): string | null;
  /** Deletes the served outputs only (a failed transcode keeps its source for a retry). */
  removeOutput(platformId: string, mediaId: string): Promise<void>;
  /** Deletes everything of a media. */
  remove(platformId: string, mediaId: string): Promise<void>;
  /** Every media folder with its last change: housekeeping finds leftovers without a row. */
  listMediaFolders(): Promise<{ platformId: string; mediaId: string; changedAt: Date }[]>;
  /** Work folders last changed before `before` (runs that crashed or were killed), removed; returns how many. */
  removeWorkDirsBefore(before: Date): Promise<number>;
}

const SAFE_ID = /^[A-Za-z0-9_-]{1,80}$/;

export class LocalMediaStorage implements MediaStorage {
  readonly mediaRoot: string;
  readonly tmpRoot: string;

  constructor(dataDir: string) {
    this.mediaRoot = path.join(dataDir, 'media');
    this.tmpRoot = path.join(dataDir, 'tmp');
  }

  private mediaDir(platformId: string, mediaId: string): string {
    if (!SAFE_ID.test(platformId) || !SAFE_ID.test(mediaId)) throw new Error(`unsafe media path ${platformId}/${mediaId}`);
    return path.join(this.mediaRoot, platformId, mediaId);
  }

  async sourcePath(platformId: string, mediaId: string): Promise<string> {
    const dir = this.mediaDir(platformId, mediaId);
    await fs.mkdir(dir, { recursive: true });
    return path.join(dir, 'source');
  }

  async workDir(name: string): Promise<string> {
    const dir = path.join(this.tmpRoot, name.replace(/[^A-Za-z0-9_-]/g, '_'));
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    return dir;
  }

  async publishOutput(platformId: string, mediaId: string, dir: string): Promise<void> {
    const target = path.join(this.mediaDir(platformId, mediaId), 'out');
    await fs.mkdir(path.dirname(target), { recursive: true });
    // rename() cannot replace a non-empty directory: move the old one aside first, then drop it.
    const old = `${target}.old-${process.pid}-${Date.now()}`;
    const hadOld = await fs.rename(target, old).then(
      () => true,
      (err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') return false;
        throw err;
      },
    );
    await fs.rename(dir, target);
    if (hadOld) await fs.rm(old, { recursive: true, force: true });
  }

  resolveOutput(platformId: string, mediaId: string, rel: string): string | null {
    const base = path.join(this.mediaDir(platformId, mediaId), 'out');
    const full = path.resolve(base, rel);
    if (!full.startsWith(base + path.sep) || rel.split('/').some((p) => p === '..' || p.startsWith('.'))) return null;
    return full;
  }

  async listMediaFolders(): Promise<{ platformId: string; mediaId: string; changedAt: Date }[]> {
    const out: { platformId: string; mediaId: string; changedAt: Date }[] = [];
    for (const platformId of await readDirNames(this.mediaRoot)) {
      if (!SAFE_ID.test(platformId)) continue;
      for (const mediaId of await readDirNames(path.join(this.mediaRoot, platformId))) {
        if (!SAFE_ID.test(mediaId)) continue;
        const stat = await fs.stat(path.join(this.mediaRoot, platformId, mediaId)).catch(() => undefined);
        if (stat?.isDirectory()) out.push({ platformId, mediaId, changedAt: stat.mtime });
      }
    }
    return out;
  }

  async removeWorkDirsBefore(before: Date): Promise<number> {
    let removed = 0;
    for (const name of await readDirNames(this.tmpRoot)) {
      const dir = path.join(this.tmpRoot, name);
      const stat = await fs.stat(dir).catch(() => undefined);
      if (!stat || stat.mtime >= before) continue;
      await fs.rm(dir, { recursive: true, force: true });
      removed++;
    }
    return removed;
  }

  async removeOutput(platformId: string, mediaId: string): Promise<void> {
    await fs.rm(path.join(this.mediaDir(platformId, mediaId), 'out'), { recursive: true, force: true });
  }

  async remove(platformId: string, mediaId: string): Promise<void> {
    await fs.rm(this.mediaDir(platformId, mediaId), { recursive: true, force: true });
  }
}

const storages = new Map<string, LocalMediaStorage>();

/** One storage per data directory (the context carries no storage yet; it is stateless anyway). */
export function mediaStorage(dataDir: string): MediaStorage {
  let s = storages.get(dataDir);
  if (!s) storages.set(dataDir, (s = new LocalMediaStorage(dataDir)));
  return s;
}

async function readDirNames(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
}
