import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { LtiContextRow, LtiResourceLinkRow, LtiUserRow } from './launch.table.js';

export interface UserFields {
  sub: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  locale: string | null;
}

/** Launch data always reflects the latest launch: names and emails change in the LMS. */
export function upsertUser(db: Db, platformId: string, user: UserFields): Promise<LtiUserRow> {
  return db
    .insertInto('lti_users')
    .values({ id: crypto.randomUUID(), platform_id: platformId, ...user })
    .onConflict((oc) => oc.columns(['platform_id', 'sub']).doUpdateSet({ ...withoutSub(user), updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

function withoutSub({ sub: _sub, ...rest }: UserFields) {
  return rest;
}

export function upsertContext(
  db: Db,
  deploymentId: string,
  context: { context_id: string; title: string | null; label: string | null; types: string[] },
): Promise<LtiContextRow> {
  const values = { title: context.title, label: context.label, types: JSON.stringify(context.types) };
  return db
    .insertInto('lti_contexts')
    .values({ id: crypto.randomUUID(), deployment_id: deploymentId, context_id: context.context_id, ...values })
    .onConflict((oc) => oc.columns(['deployment_id', 'context_id']).doUpdateSet({ ...values, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function upsertResourceLink(
  db: Db,
  deploymentId: string,
  link: { resource_link_id: string; context_id: string | null; title: string | null; description: string | null; custom: Record<string, string> },
): Promise<LtiResourceLinkRow> {
  const values = { context_id: link.context_id, title: link.title, description: link.description, custom: JSON.stringify(link.custom) };
  return db
    .insertInto('lti_resource_links')
    .values({ id: crypto.randomUUID(), deployment_id: deploymentId, resource_link_id: link.resource_link_id, ...values })
    .onConflict((oc) => oc.columns(['deployment_id', 'resource_link_id']).doUpdateSet({ ...values, updated_at: new Date() }))
    .returningAll()
    .executeTakeFirstOrThrow();
}
