import type { Db } from '../../db/database.js';
import type { FactKeys, FactLookups } from './statement-facts.js';
import { trimSlash } from './statement-facts.js';

/** The platform's facts that do not change from batch to batch. */
export interface PlatformBasics {
  issuer: string;
}

export async function loadPlatformBasics(db: Db, platformId: string): Promise<PlatformBasics | undefined> {
  const platform = await db.selectFrom('platforms').select('issuer').where('id', '=', platformId).executeTakeFirst();
  return platform && { issuer: trimSlash(platform.issuer) };
}

/** Resolves a batch's resource ids, sessions and courses within the platform: one query each. */
export async function loadFactLookups(db: Db, platformId: string, basics: PlatformBasics, publicUrl: string, keys: FactKeys): Promise<FactLookups> {
  const [resources, meetings, contexts] = await Promise.all([
    keys.resourceIds.size
      ? db.selectFrom('resources').select(['id', 'context_id']).where('platform_id', '=', platformId).where('id', 'in', [...keys.resourceIds]).execute()
      : [],
    keys.registrations.size
      ? db
          .selectFrom('classroom_meetings as m')
          .innerJoin('resources as r', 'r.id', 'm.resource_id')
          .select(['m.id', 'm.resource_id', 'r.context_id'])
          .where('m.platform_id', '=', platformId)
          .where('m.id', 'in', [...keys.registrations].filter(isUuid))
          .execute()
      : [],
    keys.courseRowIds.size || keys.ltiCourseIds.size
      ? db
          .selectFrom('lti_contexts as c')
          .innerJoin('deployments as d', 'd.id', 'c.deployment_id')
          .select(['c.id', 'c.context_id'])
          .where('d.platform_id', '=', platformId)
          .where((eb) => eb.or([eb('c.id', 'in', [...keys.courseRowIds, '']), eb('c.context_id', 'in', [...keys.ltiCourseIds, ''])]))
          .execute()
      : [],
  ]);
  return {
    ...basics,
    publicUrl,
    resources: new Map(resources.map((r) => [r.id, r.context_id])),
    meetings: new Map(meetings.map((m) => [m.id, { resourceId: m.resource_id, contextId: m.context_id }])),
    contextRowIds: new Set(contexts.filter((c) => keys.courseRowIds.has(c.id)).map((c) => c.id)),
    // Several deployments may hold a course of the same Moodle id: the first wins, in a stable order.
    contextsByLtiId: new Map(contexts.filter((c) => keys.ltiCourseIds.has(c.context_id)).sort((a, b) => (a.id < b.id ? 1 : -1)).map((c) => [c.context_id, c.id])),
  };
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
