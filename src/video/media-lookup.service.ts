import type { Transaction } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { findLastRetiredMedia, findMediaById } from './video.repository.js';
import type { VideoMediaRow } from './video.table.js';

/*
 * The media rows other features (captions) read by id: they come here, never to
 * video.repository.ts. Requests of a launch go through video.service.ts.
 */

/** A media by id, whatever its platform: for jobs and rows that already carry a checked media id. */
export function getMediaById(db: Db | Transaction<Database>, id: string): Promise<VideoMediaRow | undefined> {
  return findMediaById(db, id);
}

/** The media this resource played before its current one (the one a new upload replaced). */
export function getLastRetiredMedia(db: Db, platformId: string, resourceId: string): Promise<VideoMediaRow | undefined> {
  return findLastRetiredMedia(db, platformId, resourceId);
}
