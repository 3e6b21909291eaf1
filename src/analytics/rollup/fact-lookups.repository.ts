import type { Db } from '../../db/database.js';
import type { FactKeys, FactLookups } from './statement-facts.js';
import { bbbSessionsByRegistration } from './bbb-sessions.repository.js';
import { trimSlash } from './statement-facts.js';

/** The platform's facts that do not change from batch to batch. */
export interface PlatformBasics {
  issuer: string;
}

export async function loadPlatformBasics(db: Db, platformId: string): Promise<PlatformBasics | undefined> {
  const platform = await db.selectFrom('platforms').select('issuer').where('id', '=', platformId).executeTakeFirst();
  return platform && { issuer: trimSlash(platform.issuer) };
}

/**
 * What one refresh learned of the platform's resources, sessions and courses, found or not: a
 * term's statements name the same few hundred ids over and over, each is asked for once.
 */
export class FactLookupCache {
  private readonly asked = { resources: new Set<string>(), meetings: new Set<string>(), courseRows: new Set<string>(), ltiCourses: new Set<string>() };
  private readonly resources = new Map<string, string>();
  private readonly meetings = new Map<string, FactLookups['meetings'] extends ReadonlyMap<string, infer V> ? V : never>();
  private readonly courseRows = new Set<string>();
  private readonly ltiCourses = new Map<string, string>();

  constructor(
    private readonly platformId: string,
    private readonly basics: PlatformBasics,
    private readonly publicUrl: string,
  ) {}

  /** The lookups a batch needs, asking the database (the batch's transaction) only for ids this refresh has not seen. */
  async lookups(db: Db, keys: FactKeys): Promise<FactLookups> {
    const { platformId } = this;
    const { asked } = this;
    const newResources = [...keys.resourceIds].filter((id) => !asked.resources.has(id));
    const newMeetings = [...keys.registrations].filter((id) => !asked.meetings.has(id));
    const newRows = [...keys.courseRowIds].filter((id) => !asked.courseRows.has(id));
    const newLti = [...keys.ltiCourseIds].filter((id) => !asked.ltiCourses.has(id));
    const [resources, meetings, contexts] = await Promise.all([
      newResources.length ? db.selectFrom('resources').select(['id', 'context_id']).where('platform_id', '=', platformId).where('id', 'in', newResources).execute() : [],
      newMeetings.filter(isUuid).length
        ? db
            .selectFrom('classroom_meetings as m')
            .innerJoin('resources as r', 'r.id', 'm.resource_id')
            .select(['m.id', 'm.resource_id', 'r.context_id'])
            .where('m.platform_id', '=', platformId)
            .where('m.id', 'in', newMeetings.filter(isUuid))
            .execute()
        : [],
      newRows.length || newLti.length
        ? db
            .selectFrom('lti_contexts as c')
            .innerJoin('deployments as d', 'd.id', 'c.deployment_id')
            .select(['c.id', 'c.context_id'])
            .where('d.platform_id', '=', platformId)
            .where((eb) => eb.or([eb('c.id', 'in', [...newRows, '']), eb('c.context_id', 'in', [...newLti, ''])]))
            // Several deployments may hold a course of the same LMS id: the first row id wins, always the same.
            .orderBy('c.id', 'desc')
            .execute()
        : [],
    ]);
    for (const id of newResources) asked.resources.add(id);
    for (const r of resources) this.resources.set(r.id, r.context_id);
    for (const id of newMeetings) asked.meetings.add(id);
    for (const m of meetings) this.meetings.set(m.id, { resourceId: m.resource_id, contextId: m.context_id });
    // Not an Amphi session id: maybe a registration of BigBlueButton's own xAPI.
    const unplaced = newMeetings.filter((id) => isUuid(id) && !this.meetings.has(id));
    for (const [registration, session] of await bbbSessionsByRegistration(db, platformId, unplaced)) this.meetings.set(registration, session);
    const rows = new Set(newRows);
    const lti = new Set(newLti);
    for (const c of contexts) {
      if (rows.has(c.id)) this.courseRows.add(c.id);
      if (lti.has(c.context_id)) this.ltiCourses.set(c.context_id, c.id);
    }
    for (const id of newRows) asked.courseRows.add(id);
    for (const id of newLti) asked.ltiCourses.add(id);
    return { ...this.basics, publicUrl: this.publicUrl, resources: this.resources, meetings: this.meetings, contextRowIds: this.courseRows, contextsByLtiId: this.ltiCourses };
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
