import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { generateDemoCourse, type DemoCourseSummary } from '../../../src/demo/demo-course.js';
import type { Db } from '../../../src/db/database.js';
import { validateStatement } from '../../../src/lrs/statements/validation/statement.validate.js';
import { mergeSegments, parsePlayedSegments, watchedShare } from '../../../src/video/tracking/played-segments.js';
import { createLrsClient, type LrsClient } from '../../support/lrs-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const NOW = new Date('2025-11-20T16:30:00Z');
const WEEK = 7 * 86_400_000;
const ISSUER = 'https://moodle.demo.example';
const options = (publicUrl: string) => ({
  seed: 42, publicUrl, now: NOW, learners: 24, weeks: 3, videos: 3, classroomSessionsPerWeek: 1,
  platform: { issuer: ISSUER, name: 'Moodle (démo)' },
});

interface StatementFacts {
  id: string;
  stored: Date;
  actor_key: string | null;
  verb_id: string;
  voided: boolean;
  statement: string;
}

const statementsOf = async (db: Db) =>
  (await sql<StatementFacts>`select id, stored, actor_key, verb_id, voided, statement::text as statement from lrs_statements order by seq`.execute(db)).rows;

describe('the demo course generator', () => {
  let app: TestApp;
  let other: TestDatabase;
  let summary: DemoCourseSummary;
  let again: DemoCourseSummary;
  let lrs: LrsClient;

  before(async () => {
    app = await startTestApp();
    other = await createTestDatabase();
    summary = await generateDemoCourse(app.ctx.db, options(app.url));
    again = await generateDemoCourse(other.db, options(app.url));
    lrs = await createLrsClient(app, summary.platformId, ['all/read']);
  });
  after(async () => {
    await app?.close();
    await other?.close();
  });

  it('writes the same statements, in the same order, from the same seed into another database', async () => {
    const [first, second] = [await statementsOf(app.ctx.db), await statementsOf(other.db)];
    assert.ok(first.length > 500, `a term of traces (${first.length})`);
    assert.equal(summary.statements, first.length);
    assert.deepEqual(second.map((s) => [s.id, s.stored.toISOString(), s.statement]), first.map((s) => [s.id, s.stored.toISOString(), s.statement]));
    assert.deepEqual({ ...again, platformId: '', deploymentRowId: '', elapsedMs: 0, model: null }, { ...summary, platformId: '', deploymentRowId: '', elapsedMs: 0, model: null });
    const stored = first.map((s) => s.stored.getTime());
    assert.ok(stored.every((t, i) => i === 0 || t >= stored[i - 1]!), 'seq follows stored');
    assert.ok(stored.at(-1)! <= NOW.getTime() && stored[0]! >= NOW.getTime() - 3 * WEEK - 86_400_000, 'within the term');
  });

  it('stores statements the LRS serves and would accept, from Amphi, Moodle and BigBlueButton, a few voided', async () => {
    const rows = await statementsOf(app.ctx.db);
    for (const row of rows) validateStatement(JSON.parse(row.statement), { version: '1.0.3' });
    const homePages = new Set(rows.map((r) => (JSON.parse(r.statement) as { actor: { account?: { homePage: string } } }).actor.account?.homePage));
    assert.deepEqual([...homePages].sort(), ['https://bbb.univ-exemple.fr', ISSUER].sort());
    const voided = rows.filter((r) => r.voided);
    assert.ok(voided.length >= 1 && voided.length === rows.filter((r) => r.verb_id === 'http://adlnet.gov/expapi/verbs/voided').length);

    const page = await lrs.request('GET', '/statements', { params: { limit: '50' } });
    assert.equal(page.status, 200);
    assert.equal(page.json.statements.length, 50);
    const gone = await lrs.request('GET', '/statements', { params: { voidedStatementId: voided[0]!.id } });
    assert.equal(gone.status, 200);
    assert.equal(gone.json.id, voided[0]!.id);
  });

  it('gives never-active learners a roster entry and no trace, and drifting learners nothing in the last week', async () => {
    const db = app.ctx.db;
    const { neverActive, drifting, steady } = summary.sampleLearners;
    assert.ok(neverActive && drifting && steady);
    const roster = await db.selectFrom('roster_members').select(['user_sub', 'name', 'roles', 'status']).where('context_id', '=', summary.contextRowId).execute();
    assert.equal(roster.length, 24 + summary.teachers.length);
    assert.ok(roster.some((m) => m.user_sub === neverActive.sub && m.name === neverActive.name && m.status === 'Active'));

    const agentOf = (sub: string) => JSON.stringify({ account: { homePage: ISSUER, name: sub } });
    const none = await lrs.request('GET', '/statements', { params: { agent: agentOf(neverActive.sub), related_agents: 'true' } });
    assert.deepEqual(none.json.statements, []);
    const rows = await statementsOf(db);
    const never = summary.model.learners.filter((l) => l.profile === 'never').map((l) => l.sub);
    assert.ok(!rows.some((r) => never.some((sub) => r.statement.includes(`"name":"${sub}"`))), 'no statement names a never-active learner');
    for (const table of ['video_views', 'classroom_attendance', 'lti_memberships'] as const) {
      const found = await db.selectFrom(table).select('user_id').where('user_id', '=', neverActive.userId).execute();
      assert.deepEqual(found, [], `${table} has no row for the never-active learner`);
    }

    const driftingSubs = new Set(summary.model.learners.filter((l) => l.profile === 'drifting').map((l) => l.sub));
    const subOf = (r: StatementFacts) => (JSON.parse(r.statement) as { actor: { account?: { name: string } } }).actor.account?.name ?? '';
    const driftingRows = rows.filter((r) => driftingSubs.has(subOf(r)));
    assert.ok(driftingRows.length > 0, 'drifting learners were active at first');
    assert.ok(driftingRows.every((r) => r.stored.getTime() < NOW.getTime() - WEEK), 'and not in the last week');
    assert.ok(rows.some((r) => subOf(r) === steady.sub && r.stored.getTime() > NOW.getTime() - WEEK), 'a steady learner is still there');
  });

  it('keeps each video view consistent with its segments and with the statements of the player', async () => {
    const db = app.ctx.db;
    const views = await db.selectFrom('video_views').selectAll().execute();
    assert.ok(views.length > 10);
    const durations = new Map((await db.selectFrom('video_media').select(['resource_id', 'output']).execute()).map((m) => [m.resource_id, m.output!.durationSeconds]));
    const rows = (await statementsOf(db)).map((r) => JSON.parse(r.statement) as { actor: { account?: { name: string } }; verb: { id: string }; object: { id: string }; result?: { extensions?: Record<string, string> } });
    for (const view of views) {
      const duration = durations.get(view.resource_id)!;
      assert.equal(view.watched_share, watchedShare(view.played_segments, duration));
      assert.equal(view.completed_at !== null, view.watched_share >= 0.9);
      const sub = summary.model.learners.find((l) => l.userId === view.user_id)!.sub;
      const reported = rows
        .filter((s) => s.actor.account?.name === sub && s.object.id.endsWith(`/resources/${view.resource_id}`) && s.result?.extensions)
        .flatMap((s) => parsePlayedSegments(s.result!.extensions!['https://w3id.org/xapi/video/extensions/played-segments'] ?? ''));
      assert.deepEqual(mergeSegments(reported), view.played_segments, 'the view is what the statements say was played');
    }
    const completed = views.filter((v) => v.completed_at).length;
    const completions = rows.filter((s) => s.verb.id === 'http://adlnet.gov/expapi/verbs/completed' && s.object.id.includes('/resources/')).length;
    assert.equal(completions, completed, 'one completed statement per completed view');
    const scores = await db.selectFrom('grade_scores').select(['status']).execute();
    assert.ok(scores.length > 0 && scores.every((s) => s.status === 'sent'));
  });
});
