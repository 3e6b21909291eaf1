import { sql } from 'kysely';
import type { Db } from '../../db/database.js';

/**
 * The Amphi classroom of BigBlueButton's own xAPI statements (bbb-webhooks `out/xapi`, sent to
 * Amphi's LRS through `meta_secret-lrs-payload`, see classroom/bbb-xapi). bbb-webhooks names
 * nothing Amphi gave it in a way Amphi can read back (templates.js, xapi.js):
 * - `context.registration` is uuidv5(`<meetingID>_<yyyyMMdd>`, the server's private namespace),
 *   the object id a uuidv5 of the meetingID on the BBB host: neither can be recomputed here;
 * - the actor is `{account: {homePage: https://<BBB host>, name: <display name>}}`, the fullName
 *   Amphi joined the person with, not their sub.
 * What links them: the meeting's `initialized` statement is stamped with BBB's createTime to the
 * millisecond (templates.js: `timestamp = create_time_ISO`), which Amphi keeps from the create
 * answer (classroom_meetings.create_time). A registration is one classroom (one meetingID, one
 * day), so every statement carrying it lands there; its people are the attendees of the sessions
 * matched, by the name they were joined with. A name two attendees share names nobody (null).
 */
export interface BbbSession {
  resourceId: string;
  contextId: string;
  /** Display name → sub, null when ambiguous. */
  names: ReadonlyMap<string, string | null>;
}

const INITIALIZED = 'http://adlnet.gov/expapi/verbs/initialized';
const VIRTUAL_CLASSROOM = 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom';
/** Only timestamps PostgreSQL reads without error are cast (one bad statement must not fail a refresh). */
const ISO_TIMESTAMP = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,6})?(Z|[+-]\\d{2}:\\d{2})$';

export async function bbbSessionsByRegistration(db: Db, platformId: string, registrations: string[]): Promise<Map<string, BbbSession>> {
  const found = new Map<string, BbbSession>();
  if (!registrations.length) return found;
  const sessions = await sql<{ registration: string; meeting_row_id: string; resource_id: string; context_id: string }>`
    select distinct s.registration::text as registration, m.id::text as meeting_row_id, m.resource_id, r.context_id
    from lrs_statements s
    join classroom_meetings m on m.platform_id = s.platform_id and m.create_time = (extract(epoch from (
      case when s.statement->>'timestamp' ~ ${ISO_TIMESTAMP} then (s.statement->>'timestamp')::timestamptz end)) * 1000)::float8
    join resources r on r.id = m.resource_id
    where s.platform_id = ${platformId} and s.registration = any(${registrations}::uuid[]) and s.verb_id = ${INITIALIZED}
      and not s.voided and s.statement->'object'->'definition'->>'type' = ${VIRTUAL_CLASSROOM}
    order by 1, 2`.execute(db);
  if (!sessions.rows.length) return found;
  const people = await sql<{ meeting_row_id: string; sub: string; name: string | null; given_name: string | null; family_name: string | null }>`
    select a.meeting_row_id::text as meeting_row_id, u.sub, u.name, u.given_name, u.family_name
    from classroom_attendance a join lti_users u on u.id = a.user_id
    where a.meeting_row_id = any(${sessions.rows.map((s) => s.meeting_row_id)}::uuid[])`.execute(db);
  for (const s of sessions.rows) {
    const first = found.get(s.registration);
    // One meetingID per classroom: a registration never spans two (a clash would be a forged statement).
    if (first && first.resourceId !== s.resource_id) continue;
    const names = (first?.names as Map<string, string | null> | undefined) ?? new Map<string, string | null>();
    for (const p of people.rows.filter((p) => p.meeting_row_id === s.meeting_row_id)) {
      const name = joinedName(p);
      names.set(name, names.has(name) && names.get(name) !== p.sub ? null : p.sub);
    }
    if (!first) found.set(s.registration, { resourceId: s.resource_id, contextId: s.context_id, names });
  }
  return found;
}

/** The fullName Amphi joins a person with (classroom/meetings/meeting-params.ts participantName). */
export function joinedName(u: { name: string | null; given_name: string | null; family_name: string | null }): string {
  const candidates = [u.name, [u.given_name, u.family_name].filter(Boolean).join(' ')];
  const name = candidates.map((c) => c?.trim() ?? '').find((c) => c.length >= 2);
  return (name ?? 'Participant').slice(0, 256);
}
