import type { Insertable } from 'kysely';
import type { Db } from '../db/database.js';
import { findCourseResourcePlaying, findResource, findResourceWithCourse, insertResource } from './resource.repository.js';
import type { ResourceRow, ResourcesTable } from './resource.table.js';

/*
 * What other features (classroom, video, lti's deep linking) read and write of resources
 * without a launch session: they come here, never to resource.repository.ts, so the SQL and
 * its rules (every read scoped to a platform) stay content's. resource.service.ts serves the
 * requests of a launch.
 */

export type { ResourceWithCourse } from './resource.repository.js';

/** The resource of this platform with this id, or undefined (another platform's is not seen). */
export function getResource(db: Db, platformId: string, id: string): Promise<ResourceRow | undefined> {
  return findResource(db, platformId, id);
}

/** The same, with its course's title and label and its creator's name. */
export function getResourceWithCourse(db: Db, platformId: string, id: string) {
  return findResourceWithCourse(db, platformId, id);
}

/** A resource another feature makes (a recording imported as a video); `db` may be a transaction. */
export function addResource(db: Db, row: Insertable<ResourcesTable>): Promise<ResourceRow> {
  return insertResource(db, row);
}

/** The course's resource that plays this owner's video (a copied course plays its original's). */
export function getCourseResourcePlaying(db: Db, platformId: string, contextId: string, owner: string): Promise<string | undefined> {
  return findCourseResourcePlaying(db, platformId, contextId, owner);
}
