import fs from 'node:fs/promises';
import path from 'node:path';

/** File-system helpers of the media storages. */

export async function exists(file: string): Promise<boolean> {
  return fs.stat(file).then(() => true, () => false);
}

export async function removeIfOlder(dir: string, before: Date): Promise<number> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat || stat.mtime >= before) return 0;
  await fs.rm(dir, { recursive: true, force: true });
  return 1;
}

/** Every file under `dir`, as `a/b.ext` relative names. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

export async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await run(items[next++]!);
  });
  await Promise.all(lanes);
}

export async function readDirNames(dir: string): Promise<string[]> {
  return fs.readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return [];
    throw err;
  });
}

/** A fresh scratch folder `name` under `tmpRoot` (emptied if a killed run left it): a job works there, on local disk. */
export async function freshWorkDir(tmpRoot: string, name: string): Promise<string> {
  const dir = path.join(tmpRoot, name.replace(/[^A-Za-z0-9_-]/g, '_'));
  await fs.rm(dir, { recursive: true, force: true });
  await fs.mkdir(dir, { recursive: true });
  return dir;
}
