import crypto from 'node:crypto';
import type { Insertable } from 'kysely';
import { insertResource } from '../../src/content/resource.repository.js';
import type { ResourceRow, ResourcesTable } from '../../src/content/resource.table.js';
import type { Db } from '../../src/db/database.js';
import { launchPage, type LaunchedPage } from './api-client.js';
import type { LaunchSpec, TestPlatform } from './test-platform.js';

/** Test data: rows the features read, made the way the app makes them or inserted directly. */

/** A resource of a course (a graded video out of 20 unless told otherwise). */
export function createResource(db: Db, fields: Pick<Insertable<ResourcesTable>, 'platform_id' | 'context_id'> & Partial<Insertable<ResourcesTable>>): Promise<ResourceRow> {
  return insertResource(db, {
    id: crypto.randomUUID(),
    kind: 'video',
    title: 'Cours 1 : les lois de probabilité',
    gradable: true,
    score_maximum: 20,
    ...fields,
  });
}

/** A launched page and the rows its launch left: platform, course, user and activity (ids of Amphi's tables). */
export interface LaunchedPerson extends LaunchedPage {
  sessionId: string;
  platformId: string;
  contextId: string;
  userId: string;
  resourceLinkId: string | null;
}

export async function launchPerson(db: Db, platform: TestPlatform, toolUrl: string, spec: LaunchSpec): Promise<LaunchedPerson> {
  const page = await launchPage(platform, toolUrl, spec);
  const sessionId = JSON.parse(Buffer.from(page.token.split('.')[1]!, 'base64url').toString()).sub as string;
  const row = await db.selectFrom('lti_sessions').select(['platform_id', 'context_id', 'user_id', 'resource_link_id']).where('id', '=', sessionId).executeTakeFirstOrThrow();
  if (!row.context_id || !row.user_id) throw new Error('the launch recorded no course or no user');
  return Object.assign(page, { sessionId, platformId: row.platform_id, contextId: row.context_id, userId: row.user_id, resourceLinkId: row.resource_link_id });
}

/** Polls until `check` returns a value (not undefined/false) or fails after `timeoutMs` with `what`. */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
