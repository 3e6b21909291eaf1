import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { sql } from 'kysely';
import { runAdminCommand } from '../../../src/admin/admin-commands.js';
import { AppError } from '../../../src/http/errors.js';
import { translate } from '../../../src/http/messages.js';
import type { LearnerErasure, LearnerExport } from '../../../src/privacy/privacy.service.js';
import { applyRetention } from '../../../src/privacy/retention.service.js';
import type { AuditRecord } from '../../../src/privacy/audit-log.service.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import { countLearnerRows, seedLearner, seedPlatform, type SeededLearner, type SeededPlatform } from './seed-learner.js';

/**
 * Data protection over the real store (one database for the file): a learner's export and
 * erasure across every table, tenant isolation, retention, and the audit log of admin commands.
 * Elasticsearch forwarding is configured towards a closed port: nothing is delivered, so which
 * statements count as forwarded is what the test makes of the outbox.
 */
describe('data protection', () => {
  let app: TestApp;
  let a: SeededPlatform;
  let b: SeededPlatform;
  let alice: SeededLearner;
  let bob: SeededLearner;
  let aliceOnB: SeededLearner;

  before(async () => {
    app = await startTestApp({ LRS_ELASTICSEARCH_URL: 'http://127.0.0.1:9' });
  });
  after(() => app.close());
  beforeEach(async () => {
    await app.reset();
    await app.ctx.lrsForwarding.stop();
    a = await seedPlatform(app.ctx, 'alpha');
    b = await seedPlatform(app.ctx, 'beta');
    alice = await seedLearner(app.ctx, a, 'alice-7f');
    bob = await seedLearner(app.ctx, a, 'bob-3c');
    // The same sub on another platform is another person (another tenant).
    aliceOnB = await seedLearner(app.ctx, b, 'alice-7f');
  });

  const run = (name: Parameters<typeof runAdminCommand>[1], args: unknown) => runAdminCommand(app.ctx, name, args);

  it('exports every datum of the learner, and nobody else’s', async () => {
    const data = (await run('gdpr-export', { platformId: a.id, userSub: alice.sub })) as LearnerExport;
    assert.equal(data.format, 'amphi-learner-export');
    assert.equal(data.version, 1);
    assert.equal(data.lti.user?.id, alice.userId);
    assert.equal(data.lti.memberships.length, 1);
    assert.equal(data.lti.sessions.length, 1);
    assert.equal(data.roster.length, 1);
    assert.deepEqual(data.lrs.statements.map((s) => s.id).sort(), [...alice.statementIds].sort(), 'account and mbox statements');
    assert.equal(data.lrs.documents[0]?.content, '{"time":42}');
    assert.equal(data.video.videoViews.length, 1);
    assert.equal(data.video.watchBudgets.length, 1);
    assert.equal(data.classroom.attendance.length, 1);
    assert.equal(data.grades.scores[0]?.score_given, 15);
    assert.equal(data.analytics.learners.length, 1);
    assert.equal(data.analytics.daily.length, 1);
    const text = JSON.stringify(data);
    assert.ok(!text.includes(bob.sub) && !text.includes(bob.userId), 'no other learner');
    assert.ok(!text.includes(aliceOnB.userId) && !text.includes(b.contextId), 'no other platform');
    // Forwarded means no outbox row left: nothing reached the closed port, so none is listed.
    assert.deepEqual(data.lrs.forwarded.map((f) => [f.sink, f.statementIds.length]), [['elasticsearch', 0]], 'all three still wait in the outbox');
  });

  it('erases exactly the learner’s rows, lists the copies already forwarded, and leaves others intact', async () => {
    const [delivered] = alice.statementIds;
    await app.ctx.db.deleteFrom('lrs_sink_outbox').where('statement_id', '=', delivered!).execute();
    const bobBefore = await countLearnerRows(app.ctx, a.id, bob);
    const otherTenantBefore = await countLearnerRows(app.ctx, b.id, aliceOnB);
    const erased = (await run('gdpr-erase', { platformId: a.id, userSub: alice.sub, confirm: true })) as LearnerErasure;

    assert.deepEqual(await countLearnerRows(app.ctx, a.id, alice), Object.fromEntries(Object.keys(bobBefore).map((t) => [t, 0])), 'nothing of hers is left');
    assert.deepEqual(await countLearnerRows(app.ctx, a.id, bob), bobBefore, 'another learner keeps everything');
    assert.deepEqual(await countLearnerRows(app.ctx, b.id, aliceOnB), otherTenantBefore, 'the same sub on another platform keeps everything');
    assert.equal(erased.counts.lrs_statements, 3);
    assert.equal(erased.counts.lrs_sink_outbox, 2, 'the two statements not yet forwarded will not be');
    assert.equal(erased.counts.lti_users, 1);
    assert.equal(erased.counts.roster_members, 1);
    assert.equal(erased.counts.classroom_attendance, 1);
    assert.equal(erased.counts.grade_scores, 1);
    assert.deepEqual(erased.forwarded, [{ sink: 'elasticsearch', destination: `http://127.0.0.1:9 index amphi-statements-${a.id.toLowerCase()}`, statementIds: [delivered] }]);
    const outbox = await app.ctx.db.selectFrom('lrs_sink_outbox').select('statement_id').where('platform_id', '=', a.id).execute();
    assert.equal(outbox.length, bob.statementIds.length, 'Bob’s statements still wait to be forwarded');
  });

  it('says so for an unknown learner or platform, and changes nothing', async () => {
    const before = await countLearnerRows(app.ctx, a.id, alice);
    await assert.rejects(run('gdpr-erase', { platformId: a.id, userSub: 'nobody', confirm: true }), (err: unknown) => {
      assert.ok(err instanceof AppError && err.code === 'unknown-learner');
      // What the CLI prints (main.ts explain()).
      assert.equal(translate('en', err.code, err.params), `Amphi holds no data about user nobody on platform ${a.id}: no launch, roster row, learning trace or record names them. Nothing was changed.`);
      return true;
    });
    await assert.rejects(run('gdpr-export', { platformId: a.id, userSub: 'nobody' }), (err: unknown) => err instanceof AppError && err.code === 'unknown-learner');
    await assert.rejects(run('gdpr-erase', { platformId: 'no-such-platform', userSub: alice.sub, confirm: true }), (err: unknown) => err instanceof AppError && err.code === 'unknown-platform-id');
    await assert.rejects(run('gdpr-erase', { platformId: a.id, userSub: alice.sub }), (err: unknown) => err instanceof AppError && err.code === 'erase-not-confirmed');
    // Through the server, as the CLI goes while a server owns the embedded database.
    const response = await fetch(`${app.url}/admin/api/commands/gdpr-erase`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ platformId: a.id, userSub: 'nobody', confirm: true }),
    });
    assert.equal(response.status, 404);
    assert.match(response.headers.get('content-type') ?? '', /^application\/problem\+json/);
    assert.match(((await response.json()) as { detail: string }).detail, /holds no data about user nobody/);
    assert.deepEqual(await countLearnerRows(app.ctx, a.id, alice), before);
    const audited = (await run('audit-list', {})) as AuditRecord[];
    assert.deepEqual(audited, [], 'a refused action is not recorded as done');
  });

  it('applies each platform’s retention periods to old rows only', async () => {
    await run('platform-retention', { id: a.id, statementsDays: 30, videoViewsDays: 30, attendanceDays: 30, launchLogsDays: 30 });
    const old = sql`now() - interval '100 days'`;
    // Alice's rows are 100 days old on both platforms; Bob's are new.
    for (const [platform, learner] of [[a, alice], [b, aliceOnB]] as const) {
      await sql`update lrs_statements set stored = ${old} where platform_id = ${platform.id} and id = any(${sql.val(learner.statementIds)}::uuid[])`.execute(app.ctx.db);
      await sql`update video_views set updated_at = ${old} where user_id = ${learner.userId}`.execute(app.ctx.db);
      await sql`update classroom_attendance set last_joined_at = ${old} where user_id = ${learner.userId}`.execute(app.ctx.db);
      await sql`update lti_memberships set last_launch_at = ${old} where user_id = ${learner.userId}`.execute(app.ctx.db);
      await sql`update watch_budgets set updated_at = ${old} where user_id = ${learner.userId}`.execute(app.ctx.db);
      await sql`update grade_scores set created_at = ${old} where user_id = ${learner.userId}`.execute(app.ctx.db);
      await sql`update lti_users set updated_at = ${old} where id = ${learner.userId}`.execute(app.ctx.db);
      await sql`delete from lti_sessions where user_id = ${learner.userId}`.execute(app.ctx.db);
    }
    // The audit log has its own period (365 days by default).
    await sql`insert into audit_log (at, actor, action) values (now() - interval '400 days', 'cli:old', 'keys-rotate'), (now() - interval '300 days', 'cli:kept', 'keys-rotate')`.execute(app.ctx.db);
    const outcome = await applyRetention(app.ctx, new Date(), 2);

    const statements = await app.ctx.db.selectFrom('lrs_statements').select(['platform_id', 'id']).execute();
    assert.deepEqual(statements.filter((s) => s.platform_id === a.id).map((s) => s.id).sort(), [...bob.statementIds].sort(), 'platform A: only the new ones stay (deleted two at a time)');
    assert.equal(statements.filter((s) => s.platform_id === b.id).length, 3, 'platform B keeps the default 395 days');
    const left = async (table: 'video_views' | 'classroom_attendance' | 'lti_memberships') => (await app.ctx.db.selectFrom(table).select('user_id').execute()).map((r) => r.user_id).sort();
    for (const table of ['video_views', 'classroom_attendance', 'lti_memberships'] as const) {
      assert.deepEqual(await left(table), [bob.userId, aliceOnB.userId].sort(), table);
    }
    const users = (await app.ctx.db.selectFrom('lti_users').select('id').execute()).map((u) => u.id).sort();
    assert.deepEqual(users, [bob.userId, aliceOnB.userId].sort(), 'a profile nothing refers to any more goes last');
    assert.deepEqual(outcome, { statements: 3, documents: 0, scores: 1, analytics: 0, videoViews: 2, attendance: 1, launchLogs: 1, users: 1, auditLog: 1 });
    const audit = (await run('audit-list', {})) as AuditRecord[];
    assert.deepEqual(audit.filter((r) => r.actor === 'system').map((r) => [r.action, r.platformId, r.details.deleted]), [
      ['retention-applied', a.id, { statements: 3, scores: 1, videoViews: 2, attendance: 1, launchLogs: 1, users: 1 }],
    ], 'one record for the platform whose rows went, none for the other');
    assert.deepEqual(audit.filter((r) => r.action === 'keys-rotate').map((r) => r.actor), ['cli:kept'], 'the audit log past its own period');
  });

  it('records each administrative action once, and not the read-only ones', async () => {
    await run('platform-retention', { id: a.id, statementsDays: 200 });
    await run('platform-retention-show', { id: a.id });
    await run('gdpr-export', { platformId: a.id, userSub: bob.sub });
    await run('gdpr-erase', { platformId: a.id, userSub: alice.sub, confirm: true });
    await run('lrs-credentials-create', { platformId: a.id, scopes: ['statements/write'] });
    const rows = (await run('audit-list', { platformId: a.id })) as AuditRecord[];
    assert.deepEqual(rows.map((r) => [r.action, r.platformId, r.target]), [
      ['lrs-credentials-create', a.id, null],
      ['gdpr-erase', a.id, alice.sub],
      ['gdpr-export', a.id, bob.sub],
      ['platform-retention', a.id, null],
    ]);
    assert.match(rows[0]!.actor, /^cli:/);
    assert.equal(rows[3]!.details.statementsDays, 200);
    assert.deepEqual((await run('audit-list', { platformId: b.id })) as AuditRecord[], [], 'per platform');
  });
});
