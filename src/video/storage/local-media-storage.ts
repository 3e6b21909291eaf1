import fs from 'node:fs/promises';
import path from 'node:path';
import { freshWorkDir, readDirNames } from './storage-files.js';
import { assertSafeIds, SAFE_ID, type MediaStorage, type StorageReadiness } from './media-storage.types.js';

/**
 * Media on local disk: DATA_DIR/media/<platformId>/<mediaId>/ holds `source` and `out`, a link to
 * the published `out-<stamp>/`. Outputs are built elsewhere on the same filesystem and renamed
 * into place, then the link is swapped, so a player never sees half a directory, nor none.
 */
export class LocalMediaStorage implements MediaStorage {
  readonly kind = 'local' as const;
  readonly mediaRoot: string;
  readonly tmpRoot: string;

  constructor(dataDir: string) {
    this.mediaRoot = path.join(dataDir, 'media');
    this.tmpRoot = path.join(dataDir, 'tmp');
  }

  private mediaDir(platformId: string, mediaId: string): string {
    assertSafeIds(platformId, mediaId);
    return path.join(this.mediaRoot, platformId, mediaId);
  }

  async storeSource(platformId: string, mediaId: string, file: string): Promise<void> {
    await fs.rename(file, await this.sourcePath(platformId, mediaId));
  }

  async readSource(platformId: string, mediaId: string): Promise<string> {
    return this.sourcePath(platformId, mediaId);
  }

  async outputUrl(): Promise<string | null> {
    return null;
  }

  async readOutputText(platformId: string, mediaId: string, rel: string): Promise<string | null> {
    const file = this.resolveOutput(platformId, mediaId, rel);
    return file ? fs.readFile(file, 'utf8').catch(() => null) : null;
  }

  async checkReady(): Promise<StorageReadiness> {
    return { ok: true };
  }

  async sourcePath(platformId: string, mediaId: string): Promise<string> {
    const dir = this.mediaDir(platformId, mediaId);
    await fs.mkdir(dir, { recursive: true });
    return path.join(dir, 'source');
  }

  workDir(name: string): Promise<string> {
    return freshWorkDir(this.tmpRoot, name);
  }

  async publishOutput(platformId: string, mediaId: string, dir: string): Promise<void> {
    const mediaDir = this.mediaDir(platformId, mediaId);
    const target = path.join(mediaDir, 'out');
    await fs.mkdir(mediaDir, { recursive: true });
    // `out` is a symbolic link to the published folder, replaced by rename(): a player asking for
    // a file during the swap gets the old one or the new one, never a 404 (moving a directory
    // aside and another into place leaves a moment with neither).
    const stamp = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
    const published = `out-${stamp}`;
    await fs.rename(dir, path.join(mediaDir, published));
    const link = path.join(mediaDir, `out.link-${stamp}`);
    await fs.symlink(published, link);
    const previous = await fs.readlink(target).catch(() => null);
    try {
      await fs.rename(link, target);
    } catch (err) {
      // A folder published before links were used: rename() cannot put a link over it.
      if (!['EISDIR', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
      const old = `${target}.old-${stamp}`;
      await fs.rename(target, old);
      await fs.rename(link, target);
      await fs.rm(old, { recursive: true, force: true });
    }
    if (previous && previous !== published && !previous.includes('/')) await fs.rm(path.join(mediaDir, previous), { recursive: true, force: true });
  }

  resolveOutput(platformId: string, mediaId: string, rel: string): string | null {
    const base = path.join(this.mediaDir(platformId, mediaId), 'out');
    const full = path.resolve(base, rel);
    if (!full.startsWith(base + path.sep) || rel.split('/').some((p) => p === '..' || p.startsWith('.'))) return null;
    return full;
  }

  async listMediaFolders(): Promise<{ platformId: string; mediaId: string }[]> {
    const out: { platformId: string; mediaId: string }[] = [];
    for (const platformId of await readDirNames(this.mediaRoot)) {
      if (!SAFE_ID.test(platformId)) continue;
      for (const mediaId of await readDirNames(path.join(this.mediaRoot, platformId))) {
        if (SAFE_ID.test(mediaId)) out.push({ platformId, mediaId });
      }
    }
    return out;
  }

  async folderChangedAt(platformId: string, mediaId: string): Promise<Date | null> {
    const stat = await fs.stat(this.mediaDir(platformId, mediaId)).catch(() => undefined);
    return stat?.isDirectory() ? stat.mtime : null;
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
    const mediaDir = this.mediaDir(platformId, mediaId);
    const published = await fs.readlink(path.join(mediaDir, 'out')).catch(() => null);
    await fs.rm(path.join(mediaDir, 'out'), { recursive: true, force: true });
    if (published && !published.includes('/')) await fs.rm(path.join(mediaDir, published), { recursive: true, force: true });
  }

  async remove(platformId: string, mediaId: string): Promise<void> {
    await fs.rm(this.mediaDir(platformId, mediaId), { recursive: true, force: true });
  }
}
