import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../../../src/app-context.js';
import { addPlatform } from '../../../src/lti/platforms/platform.service.js';
import { recordStatements } from '../../../src/lrs/lrs.service.js';
import { agentKey } from '../../../src/lrs/xapi/agent-key.js';
import { ltiActor } from '../../../src/lrs/xapi/lti-actor.js';
import { createResource } from '../../support/factories.js';

/** A platform with one course, a video and a classroom resource, made the way the app stores them. */
export interface SeededPlatform {
  id: string;
  issuer: string;
  deploymentRowId: string;
  contextId: string;
  videoId: string;
  classroomId: string;
  meetingRowId: string;
}

export async function seedPlatform(ctx: AppContext, name: string): Promise<SeededPlatform> {
  const issuer = `https://${name}.univ.example`;
  const platform = await addPlatform(
    ctx.db,
    { name, issuer, clientId: 'amphi', authLoginUrl: `${issuer}/auth`, authTokenUrl: `${issuer}/token`, jwksUrl: `${issuer}/certs`, deploymentIds: ['1'] },
    { allowNewDeployments: false },
  );
  const deployment = await ctx.db.selectFrom('deployments').select('id').where('platform_id', '=', platform.id).executeTakeFirstOrThrow();
  const contextId = crypto.randomUUID();
  await ctx.db.insertInto('lti_contexts').values({ id: contextId, deployment_id: deployment.id, context_id: 'course-42', title: 'Probabilités', label: 'PROBA', types: '[]' }).execute();
  const video = await createResource(ctx.db, { platform_id: platform.id, context_id: contextId });
  const classroom = await createResource(ctx.db, { platform_id: platform.id, context_id: contextId, kind: 'classroom', title: 'Amphi virtuel' });
  const meetingRowId = crypto.randomUUID();
  await ctx.db.insertInto('classroom_meetings').values({ id: meetingRowId, platform_id: platform.id, resource_id: classroom.id, meeting_id: `m-${meetingRowId}` }).execute();
  return { id: platform.id, issuer, deploymentRowId: deployment.id, contextId, videoId: video.id, classroomId: classroom.id, meetingRowId };
}

export interface SeededLearner {
  sub: string;
  userId: string;
  email: string;
  /** Ids of the statements recorded with the learner as actor. */
  statementIds: string[];
}

/**
 * One learner's data in every table that holds personal data: launch profile, membership, session,
 * roster row, statements (as account and as mbox, as if the platform's identity mode changed),
 * a State document, video view and budget, attendance, a score, rollup rows and a stored view.
 */
export async function seedLearner(ctx: AppContext, p: SeededPlatform, sub: string): Promise<SeededLearner> {
  const userId = crypto.randomUUID();
  const email = `${sub}@etu.univ.example`;
  const db = ctx.db;
  await db.insertInto('lti_users').values({ id: userId, platform_id: p.id, sub, name: `Learner ${sub}`, given_name: 'Learner', family_name: sub, email, locale: 'fr' }).execute();
  await db.insertInto('lti_memberships').values({ context_id: p.contextId, user_id: userId, role: 'learner' }).execute();
  await db
    .insertInto('lti_sessions')
    .values({ id: crypto.randomUUID(), platform_id: p.id, deployment_id: p.deploymentRowId, user_id: userId, context_id: p.contextId, message_type: 'LtiResourceLinkRequest', role: 'learner', roles: '[]', locale: 'fr', launch: '{}', expires_at: new Date(Date.now() + 3_600_000) })
    .execute();
  await db.insertInto('roster_members').values({ context_id: p.contextId, user_sub: sub, name: `Learner ${sub}`, email, roles: '["Learner"]', status: 'Active', fetched_at: new Date() }).execute();
  const object = { objectType: 'Activity' as const, id: `https://amphi.example/xapi/activities/resources/${p.videoId}` };
  const verb = { id: 'http://adlnet.gov/expapi/verbs/experienced' };
  const statementIds = await recordStatements(ctx, p.id, [
    { actor: ltiActor({ issuer: p.issuer, lrsIdentity: 'pseudonymous' }, { sub }), verb, object },
    { actor: ltiActor({ issuer: p.issuer, lrsIdentity: 'pseudonymous' }, { sub }), verb, object },
    { actor: ltiActor({ issuer: p.issuer, lrsIdentity: 'email' }, { sub, email }), verb, object },
  ]);
  const key = agentKey(ltiActor({ issuer: p.issuer, lrsIdentity: 'pseudonymous' }, { sub }))!;
  await db
    .insertInto('lrs_documents')
    .values({ platform_id: p.id, scope_hash: crypto.randomBytes(32).toString('hex'), document_id: 'resume', kind: 'state', activity_id: object.id, agent_key: key, registration: '', content_type: 'application/json', content: Buffer.from('{"time":42}'), etag: '"x"', updated_at: new Date() })
    .execute();
  await db.insertInto('video_views').values({ platform_id: p.id, resource_id: p.videoId, user_id: userId, played_segments: '[[0,42]]', position_seconds: 42 }).execute();
  await db.insertInto('watch_budgets').values({ platform_id: p.id, user_id: userId }).execute();
  await db.insertInto('classroom_attendance').values({ id: crypto.randomUUID(), platform_id: p.id, resource_id: p.classroomId, meeting_row_id: p.meetingRowId, user_id: userId, role: 'viewer' }).execute();
  await db
    .insertInto('grade_scores')
    .values({ id: crypto.randomUUID(), platform_id: p.id, resource_id: p.videoId, user_id: userId, score_given: 15, score_maximum: 20, activity_progress: 'Completed', grading_progress: 'FullyGraded', score_timestamp: new Date(), status: 'sent' })
    .execute();
  const learner = `sub:${sub}`;
  await sql`insert into analytics_daily (platform_id, context_id, day, learner, object_id, action, count) values (${p.id}, ${p.contextId}, current_date, ${learner}, ${p.videoId}, 'watched', 3)`.execute(db);
  await sql`insert into analytics_learner_days (platform_id, context_id, day, learner, count) values (${p.id}, ${p.contextId}, current_date, ${learner}, 3)`.execute(db);
  await sql`insert into analytics_learners (platform_id, context_id, learner, count, first_day, last_day) values (${p.id}, ${p.contextId}, ${learner}, 3, current_date, current_date)`.execute(db);
  return { sub, userId, email, statementIds };
}

/** Rows per table of the platform that mention the learner (their sub or user id), for "exactly this learner's rows" checks. */
export async function countLearnerRows(ctx: AppContext, platformId: string, learner: { sub: string; userId: string }): Promise<Record<string, number>> {
  const patterns = [`%${learner.sub}%`, `%${learner.userId}%`];
  const tables = ['lti_users', 'lti_memberships', 'lti_sessions', 'roster_members', 'lrs_statements', 'lrs_documents', 'video_views', 'watch_budgets', 'classroom_attendance', 'grade_scores', 'analytics_daily', 'analytics_learner_days', 'analytics_learners'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    // Every row as text: a row mentions the person when their sub or id appears anywhere in it.
    const { rows } = await sql<{ n: string }>`select count(*)::text as n from ${sql.table(table)} t where t::text like any(${sql.val(patterns)}::text[]) and ${platformFilter(table, platformId)}`.execute(ctx.db);
    counts[table] = Number(rows[0]!.n);
  }
  return counts;
}

function platformFilter(table: string, platformId: string) {
  if (table === 'lti_memberships' || table === 'roster_members') {
    return sql`t.context_id in (select c.id from lti_contexts c join deployments d on d.id = c.deployment_id where d.platform_id = ${platformId})`;
  }
  return sql`t.platform_id = ${platformId}`;
}
