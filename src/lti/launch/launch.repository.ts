import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

export interface UserFields {
  sub: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  locale: string | null;
}

export interface LaunchRow {
  nonce: string;
  nonceExpiresAt: Date;
  platformId: string;
  deploymentId: string;
  user: UserFields | undefined;
  context:
    | {
        context_id: string;
        title: string | null;
        label: string | null;
        types: string[];
        memberships_url: string | null;
        lineitems_url: string | null;
        ags_scopes: string[] | null;
      }
    | undefined;
  link: { resource_link_id: string; title: string | null; description: string | null; custom: Record<string, string>; lineitem_url: string | null } | undefined;
  session: { id: string; message_type: string; role: string; roles: string; locale: string; launch: string; expires_at: Date };
}

export type RecordedLaunch = {
  user_id: string | null;
  context_id: string | null;
  resource_link_id: string | null;
  /** The language the person chose in Amphi's page before this launch (null for a new user). */
  preferred_locale: 'fr' | 'en' | null;
};

/**
 * A launch in one statement (one round trip, atomic): the nonce's single use, the user, context and
 * resource link, and the session. Nothing is written when the nonce was already used (undefined).
 * Rows are rewritten only when the launch changed them, so a class launching one activity does not
 * queue on the course's row. `nonceRecorded`: a retry after this launch recorded the nonce itself.
 */
export async function insertLaunch(db: Db, r: LaunchRow, nonceRecorded = false): Promise<RecordedLaunch | undefined> {
  const u = r.user;
  const c = r.context;
  const l = r.link;
  const nonce = nonceRecorded
    ? sql`select ${r.nonce}::text as nonce`
    : sql`insert into lti_nonces (nonce, expires_at) values (${r.nonce}, ${r.nonceExpiresAt}) on conflict (nonce) do nothing returning nonce`;
  const result = await sql<RecordedLaunch>`
    with n as (${nonce}),
    u as (
      insert into lti_users (id, platform_id, sub, name, given_name, family_name, email, locale)
      select ${crypto.randomUUID()}, ${r.platformId}, ${u?.sub ?? null}, ${u?.name ?? null}, ${u?.given_name ?? null}, ${u?.family_name ?? null}, ${u?.email ?? null}, ${u?.locale ?? null}
      where ${u !== undefined} and exists (select 1 from n)
      on conflict (platform_id, sub) do update set name = excluded.name, given_name = excluded.given_name,
        family_name = excluded.family_name, email = excluded.email, locale = excluded.locale, updated_at = now()
      where (lti_users.name, lti_users.given_name, lti_users.family_name, lti_users.email, lti_users.locale)
        is distinct from (excluded.name, excluded.given_name, excluded.family_name, excluded.email, excluded.locale)
      returning id),
    uid as (select id from u union all select id from lti_users where platform_id = ${r.platformId} and sub = ${u?.sub ?? null} limit 1),
    c as (
      insert into lti_contexts (id, deployment_id, context_id, title, label, types, memberships_url, lineitems_url, ags_scopes)
      select ${crypto.randomUUID()}, ${r.deploymentId}, ${c?.context_id ?? null}, ${c?.title ?? null}, ${c?.label ?? null}, ${JSON.stringify(c?.types ?? [])}::jsonb,
        ${c?.memberships_url ?? null}, ${c?.lineitems_url ?? null}, ${c?.ags_scopes ? JSON.stringify(c.ags_scopes) : null}::jsonb
      where ${c !== undefined} and exists (select 1 from n)
      on conflict (deployment_id, context_id) do update set title = excluded.title, label = excluded.label, types = excluded.types,
        memberships_url = coalesce(excluded.memberships_url, lti_contexts.memberships_url),
        lineitems_url = coalesce(excluded.lineitems_url, lti_contexts.lineitems_url),
        ags_scopes = coalesce(excluded.ags_scopes, lti_contexts.ags_scopes), updated_at = now()
      where (lti_contexts.title, lti_contexts.label, lti_contexts.types) is distinct from (excluded.title, excluded.label, excluded.types)
        or (excluded.memberships_url is not null and excluded.memberships_url is distinct from lti_contexts.memberships_url)
        or (excluded.lineitems_url is not null and excluded.lineitems_url is distinct from lti_contexts.lineitems_url)
        or (excluded.ags_scopes is not null and excluded.ags_scopes is distinct from lti_contexts.ags_scopes)
      returning id),
    cid as (select id from c union all select id from lti_contexts where deployment_id = ${r.deploymentId} and context_id = ${c?.context_id ?? null} limit 1),
    l as (
      insert into lti_resource_links (id, deployment_id, context_id, resource_link_id, title, description, custom, lineitem_url)
      select ${crypto.randomUUID()}, ${r.deploymentId}, (select id from cid), ${l?.resource_link_id ?? null}, ${l?.title ?? null}, ${l?.description ?? null},
        ${JSON.stringify(l?.custom ?? {})}::jsonb, ${l?.lineitem_url ?? null}
      where ${l !== undefined} and exists (select 1 from n)
      on conflict (deployment_id, resource_link_id) do update set context_id = excluded.context_id, title = excluded.title,
        description = excluded.description, custom = excluded.custom,
        lineitem_url = coalesce(excluded.lineitem_url, lti_resource_links.lineitem_url), updated_at = now()
      where (lti_resource_links.context_id, lti_resource_links.title, lti_resource_links.description, lti_resource_links.custom)
        is distinct from (excluded.context_id, excluded.title, excluded.description, excluded.custom)
        or (excluded.lineitem_url is not null and excluded.lineitem_url is distinct from lti_resource_links.lineitem_url)
      returning id),
    lid as (select id from l union all select id from lti_resource_links where deployment_id = ${r.deploymentId} and resource_link_id = ${l?.resource_link_id ?? null} limit 1),
    m as (
      insert into lti_memberships (context_id, user_id, role)
      select (select id from cid), (select id from uid), ${r.session.role}
      where exists (select 1 from n) and (select id from cid) is not null and (select id from uid) is not null
      on conflict (context_id, user_id) do update set role = excluded.role, last_launch_at = now()
      -- Kept current to the hour: a class launching the same activity does not rewrite the row each time.
      where lti_memberships.role <> excluded.role or lti_memberships.last_launch_at < now() - interval '1 hour'
      returning 1)
    insert into lti_sessions (id, platform_id, deployment_id, user_id, context_id, resource_link_id, message_type, role, roles, locale, launch, expires_at)
    select ${r.session.id}, ${r.platformId}, ${r.deploymentId}, (select id from uid), (select id from cid), (select id from lid),
      ${r.session.message_type}, ${r.session.role}, ${r.session.roles}::jsonb, ${r.session.locale}, ${r.session.launch}::jsonb, ${r.session.expires_at}
    where exists (select 1 from n)
    returning user_id, context_id, resource_link_id,
      (select preferred_locale from lti_users where id = lti_sessions.user_id) as preferred_locale
  `.execute(db);
  return result.rows[0];
}

/** Undoes a session recorded with a missing row (see recordLaunch in launch.service.ts). */
export function deleteSession(db: Db, id: string) {
  return db.deleteFrom('lti_sessions').where('id', '=', id).execute();
}
