import type { Config } from '../../config/config.js';
import { LocalMediaStorage } from './local-media-storage.js';
import type { MediaStorage } from './media-storage.types.js';
import type { S3MediaStorage } from './s3-media-storage.js';

export { LocalMediaStorage } from './local-media-storage.js';
export type { MediaStorage, OutputUrlOptions, StorageReadiness } from './media-storage.types.js';

/** Origins players fetch media from besides Amphi (the bucket's, with MEDIA_STORAGE=s3): for the CSP. */
export function mediaOrigins(config: Config): string[] {
  const s3 = config.storage.kind === 's3' ? config.storage.s3 : undefined;
  if (!s3) return [];
  const endpoint = s3.publicEndpoint ?? s3.endpoint ?? `https://s3.${s3.region}.amazonaws.com`;
  const url = new URL(endpoint);
  // Virtual-hosted style puts the bucket in the host name.
  if (!s3.forcePathStyle) url.hostname = `${s3.bucket}.${url.hostname}`;
  return [url.origin];
}

const storages = new Map<string, MediaStorage>();

/**
 * The storage of a data directory: the one `openMediaStorage` made for its configuration (at
 * context creation), else local disk. Callers pass `ctx.config.dataDir`.
 */
export function mediaStorage(dataDir: string): MediaStorage {
  let s = storages.get(dataDir);
  if (!s) storages.set(dataDir, (s = new LocalMediaStorage(dataDir)));
  return s;
}

/**
 * Makes (once per data directory and setting) the storage MEDIA_STORAGE names; later `mediaStorage`
 * calls return it. The AWS SDK is loaded only when the setting is s3.
 */
export async function openMediaStorage(config: Config): Promise<MediaStorage> {
  const current = storages.get(config.dataDir);
  if (config.storage.kind === 's3' && config.storage.s3) {
    if (current?.kind === 's3' && (current as S3MediaStorage).settings === config.storage.s3) return current;
    const { S3MediaStorage } = await import('./s3-media-storage.js');
    const s3 = new S3MediaStorage(config.dataDir, config.storage.s3);
    storages.set(config.dataDir, s3);
    return s3;
  }
  if (current instanceof LocalMediaStorage) return current;
  const local = new LocalMediaStorage(config.dataDir);
  storages.set(config.dataDir, local);
  return local;
}
