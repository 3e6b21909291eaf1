import fs from 'node:fs';
import path from 'node:path';

/** What `makeDataDirPrivate` found, for the caller to tell the operator. */
export type DataDirAccess =
  | { state: 'private' }
  /** It was open to other users and is not any more. */
  | { state: 'tightened'; was: string }
  /** It is open to other users and this process may not change that (another user owns it). */
  | { state: 'open'; mode: string; reason: string };

/**
 * DATA_DIR holds the database, the key file, the admin token and every learner's media: this
 * process's user only. Sets the process umask to 077 (what PGlite, ffmpeg and tus create is 0600,
 * folders 0700) and makes DATA_DIR 0700: created so when missing (`create`), tightened when an
 * existing one is open to others. Tightening our own directory costs Amphi nothing (processes
 * sharing a DATA_DIR run as one user) and closes it to the rest of the machine; callers say so,
 * since an operator may have opened it on purpose.
 */
export function makeDataDirPrivate(dataDir: string, options: { create: boolean }): DataDirAccess {
  process.umask(0o077);
  if (options.create) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  let mode: number;
  try {
    mode = fs.statSync(dataDir).mode & 0o777;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'private' };
    throw err;
  }
  if ((mode & 0o077) === 0) return { state: 'private' };
  try {
    fs.chmodSync(dataDir, mode & 0o700);
    return { state: 'tightened', was: octal(mode) };
  } catch (err) {
    return { state: 'open', mode: octal(mode), reason: (err as Error).message };
  }
}

/**
 * Takes group and others' bits off every file and folder under `dir` (links left alone); returns
 * how many changed. For what the umask cannot reach: PGlite writes its files 0666 whatever the
 * umask (Emscripten chmods each file it creates to the mode asked, and PGlite asks none).
 */
export function closeToOthers(dir: string): number {
  let changed = 0;
  for (const name of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(dir, name);
    const stat = fs.lstatSync(file, { throwIfNoEntry: false });
    if (!stat || stat.isSymbolicLink() || (stat.mode & 0o077) === 0) continue;
    fs.chmodSync(file, stat.mode & 0o700);
    changed++;
  }
  return changed;
}

function octal(mode: number): string {
  return `0${mode.toString(8)}`;
}

/** The sentence for the operator when DATA_DIR was, or still is, open to other users. */
export function dataDirNotice(dataDir: string, access: DataDirAccess): string | undefined {
  if (access.state === 'tightened') return `DATA_DIR ${dataDir} was open to other users (mode ${access.was}): it is now 0700.`;
  if (access.state === 'open') {
    return `DATA_DIR ${dataDir} is open to other users (mode ${access.mode}) and could not be closed (${access.reason}): make it 0700, owned by the user Amphi runs as.`;
  }
  return undefined;
}
