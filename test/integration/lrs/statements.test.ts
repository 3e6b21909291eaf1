import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { sql, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs, type QueryResult, type RootOperationNode, type UnknownRow } from 'kysely';
import { buildApp } from '../../../src/app.js';
import { createContext } from '../../../src/context.js';
import { openDatabase } from '../../../src/db/database.js';
import { createLogger } from '../../../src/http/logger.js';
import { authenticateLrs } from '../../../src/lrs/credentials/credential.service.js';
import { REUSE_MS } from '../../../src/lrs/statements/consistent-through.js';
import { recordPageStatements, recordStatements } from '../../../src/lrs/lrs.service.js';
import { insertStatementRows } from '../../../src/lrs/statements/statement.repository.js';
import { statementRow } from '../../../src/lrs/statements/statement-row.js';
import { storeStatements } from '../../../src/lrs/statements/statement.service.js';
import { validateStatements } from '../../../src/lrs/statements/validation/statement.validate.js';
import type { Statement } from '../../../src/lrs/xapi/xapi.types.js';
import type { TestApp } from '../../support/test-app.js';
import { addLrsPlatform, createLrsClient, useLrsApp, lrsRequest, type LrsClient } from '../../support/lrs-client.js';
import { testEngine } from '../../support/test-database.js';

const VIEWED = 'http://id.tincanapi.com/verb/viewed';
const COMPLETED = 'http://adlnet.gov/expapi/verbs/completed';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

function statement(learner: string, verb = VIEWED, activity = 'https://moodle.example/mod/page/view.php?id=7', extra: Record<string, unknown> = {}) {
  return {
    actor: { objectType: 'Agent', account: { homePage: 'https://moodle.example', name: learner } },
    verb: { id: verb, display: { 'en-US': verb.split('/').pop() } },
    object: { objectType: 'Activity', id: activity, definition: { name: { 'en-US': 'Week 1 reading' } } },
    ...extra,
  };
}
const agentParam = (learner: string) => JSON.stringify({ account: { homePage: 'https://moodle.example', name: learner } });

describe('xAPI statements resource', () => {
  let app: TestApp;
  let lrs: LrsClient;
  let platformId: string;
  useLrsApp((fixture) => {
    ({ app, lrs } = fixture);
    platformId = lrs.platformId;
  });

  it('stores a POSTed batch and returns the ids; the LRS sets stored, timestamp, authority and version', async () => {
    const id = crypto.randomUUID();
    const posted = await lrs.request('POST', '/statements', { json: [{ ...statement('s1'), id }, statement('s2')] });
    assert.equal(posted.status, 200, posted.text);
    assert.equal(posted.json.length, 2);
    assert.equal(posted.json[0], id);
    assert.ok(posted.headers.get('x-experience-api-consistent-through'));
    assert.equal(posted.headers.get('x-experience-api-version'), '1.0.3');
    const got = await lrs.request('GET', '/statements', { params: { statementId: posted.json[1] } });
    assert.equal(got.status, 200, got.text);
    assert.equal(got.json.id, posted.json[1]);
    assert.equal(got.json.version, '1.0.0');
    assert.equal(got.json.timestamp, got.json.stored);
    assert.equal(got.json.authority.account.name, lrs.key, 'the credential is the authority');
    assert.ok(got.headers.get('last-modified'));
  });

  it('stores a PUT statement under statementId and answers 204; the same content again is accepted, other content is 409', async () => {
    const id = crypto.randomUUID();
    const put = await lrs.request('PUT', '/statements', { params: { statementId: id }, json: statement('s1') });
    assert.equal(put.status, 204, put.text);
    const again = await lrs.request('PUT', '/statements', { params: { statementId: id }, json: statement('s1') });
    assert.equal(again.status, 204, again.text);
    const changed = await lrs.request('PUT', '/statements', { params: { statementId: id }, json: statement('s1', COMPLETED) });
    assert.equal(changed.status, 409, changed.text);
    const stored = await lrs.request('GET', '/statements', { params: { statementId: id } });
    assert.equal(stored.json.verb.id, VIEWED, 'the first version is kept');
  });

  it('stores nothing of a batch when one statement is invalid, and says which one and why', async () => {
    const good = { ...statement('s1'), id: crypto.randomUUID() };
    const bad = { ...statement('s2'), actor: { mbox: 'not-an-email' } };
    const posted = await lrs.request('POST', '/statements', { json: [good, bad] });
    assert.equal(posted.status, 400);
    assert.match(posted.json.detail, /\[1\].*mbox/);
    const got = await lrs.request('GET', '/statements', { params: { statementId: good.id } });
    assert.equal(got.status, 404);
  });

  it('stores nothing of a batch when one statement conflicts with a stored one', async () => {
    const id = crypto.randomUUID();
    await lrs.request('POST', '/statements', { json: { ...statement('s1'), id } });
    const fresh = { ...statement('s2'), id: crypto.randomUUID() };
    const posted = await lrs.request('POST', '/statements', { json: [fresh, { ...statement('s1', COMPLETED), id }] });
    assert.equal(posted.status, 409);
    assert.equal((await lrs.request('GET', '/statements', { params: { statementId: fresh.id } })).status, 404);
  });

  it('voids a statement: found only through voidedStatementId, left out of queries, the voiding statement listed', async () => {
    const [target] = (await lrs.request('POST', '/statements', { json: statement('s1') })).json;
    const voiding = await lrs.request('POST', '/statements', {
      json: { ...statement('teacher', VOIDED), object: { objectType: 'StatementRef', id: target } },
    });
    assert.equal(voiding.status, 200, voiding.text);
    assert.equal((await lrs.request('GET', '/statements', { params: { statementId: target } })).status, 404);
    const voided = await lrs.request('GET', '/statements', { params: { voidedStatementId: target } });
    assert.equal(voided.status, 200);
    assert.equal(voided.json.id, target);
    const listed = await lrs.request('GET', '/statements');
    assert.deepEqual(listed.json.statements.map((s: { id: string }) => s.id), [voiding.json[0]]);
  });

  describe('who may void what (Data 2.3.2: 403 when the source may not void)', () => {
    const voiding = (target: string): Statement => ({ ...statement('teacher', VOIDED), object: { objectType: 'StatementRef', id: target } }) as Statement;
    const isVoided = async (id: string) => (await lrs.request('GET', '/statements', { params: { voidedStatementId: id } })).status === 200;

    it('a statements/write credential voids what it stored, not what another credential stored; nothing of a refused batch is kept', async () => {
      const a = await createLrsClient(app, platformId, ['statements/write'], 'plugin A');
      const b = await createLrsClient(app, platformId, ['statements/write'], 'plugin B');
      const [ofA] = (await a.request('POST', '/statements', { json: statement('s1') })).json;
      const [ofB] = (await b.request('POST', '/statements', { json: statement('s2') })).json;
      const bystander = { ...statement('s3'), id: crypto.randomUUID() };
      const refused = await b.request('POST', '/statements', { json: [bystander, voiding(ofA)] });
      assert.equal(refused.status, 403, refused.text);
      assert.match(refused.json.detail, new RegExp(`statements\\[1\\] voids ${ofA}, which another credential stored`));
      assert.equal(await isVoided(ofA), false);
      assert.equal((await lrs.request('GET', '/statements', { params: { statementId: bystander.id } })).status, 404, 'all or nothing');
      const own = await b.request('POST', '/statements', { json: voiding(ofB) });
      assert.equal(own.status, 200, own.text);
      assert.equal(await isVoided(ofB), true);
      const unknown = await b.request('POST', '/statements', { json: voiding(crypto.randomUUID()) });
      assert.equal(unknown.status, 200, 'voiding a statement the LRS does not hold is accepted (Data 2.3.2)');
    });

    it('a credential with scope all voids any credential’s statement', async () => {
      const a = await createLrsClient(app, platformId, ['statements/write'], 'plugin A');
      const [ofA] = (await a.request('POST', '/statements', { json: statement('s1') })).json;
      const res = await lrs.request('POST', '/statements', { json: voiding(ofA) });
      assert.equal(res.status, 200, res.text);
      assert.equal(await isVoided(ofA), true);
    });

    it('Amphi’s own traces (authority amphi or amphi-page) are voided by Amphi only, not even by scope all', async () => {
      const [trace] = await recordStatements(app.ctx, platformId, [statement('s1', COMPLETED) as Statement]);
      const [pageTrace] = await recordPageStatements(app.ctx, platformId, [statement('s1') as Statement]);
      const writer = await createLrsClient(app, platformId, ['statements/write']);
      for (const target of [trace!, pageTrace!]) {
        for (const client of [lrs, writer]) {
          const res = await client.request('POST', '/statements', { json: voiding(target) });
          assert.equal(res.status, 403, res.text);
          assert.match(res.json.detail, /Amphi recorded/);
        }
        await assert.rejects(recordPageStatements(app.ctx, platformId, [voiding(target)]), (err: { status?: number }) => err.status === 403);
        assert.equal(await isVoided(target), false);
      }
      await recordStatements(app.ctx, platformId, [voiding(trace!), voiding(pageTrace!)]);
      assert.equal(await isVoided(trace!), true);
      assert.equal(await isVoided(pageTrace!), true);
    });

    it('voids only what it checked: a statement committed between the check and the update is not voided (PostgreSQL, READ COMMITTED)', {
      skip: testEngine() === 'pglite' && 'PGlite is one connection: no transaction commits while another is open',
    }, async () => {
      // The attack: void an id the LRS does not hold yet (accepted, Data 2.3.2.s2.b5), while a
      // statement the voider may not void (here an Amphi trace) is committed under that id by
      // another connection, between the voiding's permission check and its UPDATE.
      const target = crypto.randomUUID();
      let committedBetween = false;
      const between = async () => {
        await recordStatements(app.ctx, platformId, [{ ...statement('s1', COMPLETED), id: target } as Statement]);
        committedBetween = true;
      };
      const principal = await authenticateLrs(app.ctx, `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}`);
      const ctx = { ...app.ctx, db: app.ctx.db.withPlugin(afterVoidingCheck(between)) };
      await storeStatements(ctx, principal, validateStatements([voiding(target)], { version: '1.0.3' }));
      assert.ok(committedBetween, 'the target was committed between the check and the update');
      assert.equal(await isVoided(target), false, 'a statement the check did not see is not voided');
      assert.equal((await lrs.request('GET', '/statements', { params: { statementId: target } })).status, 200);
    });
  });

  it('keeps Consistent-Through before a batch another server is still storing, however long it takes (PostgreSQL, two servers)', {
    skip: testEngine() === 'pglite' && 'one process owns the embedded database',
  }, async () => {
    const other = await startSecondServer(app);
    try {
      // A third connection's open transaction holds an id of the batch: the batch's INSERT waits
      // on the unique index until that transaction ends.
      const held = crypto.randomUUID();
      const blocker = await holdStatementId(other.db, platformId, held);
      const batch = lrs.request('POST', '/statements', { json: [{ ...statement('s1'), id: held }, statement('s2')] });
      const blockedAt = await waitForLockWait(app);
      // Longer than the 2 s the LRS once assumed another server's batch takes to commit.
      await sleep(blockedAt + 2100 - Date.now());
      const during = await lrsRequest(other.url, 'GET', '/statements', { auth: lrs });
      await blocker.release();
      const posted = await batch;
      assert.equal(posted.status, 200, posted.text);
      const { stored } = (await lrs.request('GET', '/statements', { params: { statementId: held } })).json;
      assert.equal(during.status, 200, during.text);
      assert.deepEqual(during.json.statements, [], 'the batch was not visible yet');
      const through = during.headers.get('x-experience-api-consistent-through')!;
      assert.ok(new Date(through) <= new Date(stored), `Consistent-Through ${through} passed the stored time ${stored} of a batch not yet visible`);
      await sleep(REUSE_MS); // an answer is reused that long
      const after = (await lrsRequest(other.url, 'GET', '/statements', { auth: lrs })).headers.get('x-experience-api-consistent-through')!;
      assert.ok(new Date(after) >= new Date(stored), `once the batch is committed, Consistent-Through (${after}) moves past it (${stored})`);
    } finally {
      await other.close();
    }
  });

  it('filters by agent, verb, activity, registration and since, newest first, and related_* look inside context', async () => {
    const registration = crypto.randomUUID();
    const course = 'https://moodle.example/course/view.php?id=42';
    await lrs.request('POST', '/statements', {
      json: [
        statement('s1'),
        statement('s1', COMPLETED, 'https://moodle.example/mod/quiz/view.php?id=9', { context: { registration, contextActivities: { parent: [{ id: course }] } } }),
        statement('s2', COMPLETED),
      ],
    });
    const ids = async (params: Record<string, string>) => {
      const res = await lrs.request('GET', '/statements', { params });
      assert.equal(res.status, 200, res.text);
      return res.json.statements.map((s: { actor: { account: { name: string } }; verb: { id: string } }) => `${s.actor.account.name} ${s.verb.id.split('/').pop()}`);
    };
    assert.deepEqual(await ids({ agent: agentParam('s1') }), ['s1 completed', 's1 viewed']);
    assert.deepEqual(await ids({ agent: agentParam('s1'), verb: COMPLETED }), ['s1 completed']);
    assert.deepEqual(await ids({ verb: COMPLETED, ascending: 'true' }), ['s1 completed', 's2 completed']);
    assert.deepEqual(await ids({ registration }), ['s1 completed']);
    assert.deepEqual(await ids({ activity: course }), []);
    assert.deepEqual(await ids({ activity: course, related_activities: 'true' }), ['s1 completed']);
    assert.deepEqual(await ids({ since: new Date(Date.now() + 60_000).toISOString() }), []);
    assert.deepEqual(await ids({ until: new Date(Date.now() - 60_000).toISOString() }), []);
  });

  it('finds a 2.0 statement by an agent of its contextAgents with related_agents, and stores it as 2.0.0', async () => {
    const tutor = { objectType: 'Agent', account: { homePage: 'https://moodle.example', name: 'tutor-7' } };
    const posted = await lrs.request('POST', '/statements', {
      version: '2.0.0',
      json: statement('s1', VIEWED, undefined, { context: { contextAgents: [{ objectType: 'contextAgent', agent: tutor, relevantTypes: ['https://w3id.org/xapi/tutor'] }] } }),
    });
    assert.equal(posted.status, 200, posted.text);
    assert.equal(posted.headers.get('x-experience-api-version'), '2.0.0');
    const agent = JSON.stringify(tutor);
    assert.deepEqual((await lrs.request('GET', '/statements', { params: { agent } })).json.statements, []);
    const related = await lrs.request('GET', '/statements', { params: { agent, related_agents: 'true' } });
    assert.deepEqual(related.json.statements.map((x: { id: string }) => x.id), posted.json);
    assert.equal(related.json.statements[0].version, '2.0.0');
  });

  it('pages with "more" until every statement has been returned once', async () => {
    await lrs.request('POST', '/statements', { json: Array.from({ length: 7 }, (_, i) => statement(`s${i}`)) });
    const seen: string[] = [];
    let res = await lrs.request('GET', '/statements', { params: { limit: '3' } });
    for (;;) {
      assert.equal(res.status, 200, `${res.text} ${seen.length}`);
      seen.push(...res.json.statements.map((s: { id: string }) => s.id));
      if (!res.json.more) break;
      assert.match(res.json.more, /^\/xapi\/statements\?more=/);
      res = await lrsRequest(app.url, 'GET', res.json.more.replace(/^\/xapi/, ''), { auth: lrs });
    }
    assert.equal(seen.length, 7);
    assert.equal(new Set(seen).size, 7);
  });

  it('keeps platforms apart: another platform’s credential neither reads nor collides with these statements', async () => {
    const id = crypto.randomUUID();
    await lrs.request('PUT', '/statements', { params: { statementId: id }, json: statement('s1') });
    const other = await createLrsClient(app, await addLrsPlatform(app, 'Other Moodle'));
    assert.equal((await other.request('GET', '/statements', { params: { statementId: id } })).status, 404);
    assert.deepEqual((await other.request('GET', '/statements')).json.statements, []);
    const same = await other.request('PUT', '/statements', { params: { statementId: id }, json: statement('s9', COMPLETED) });
    assert.equal(same.status, 204, 'the same id on another platform is another statement');
  });

  it('statements/read/mine reads only what the credential stored; a credential without write scope gets 403', async () => {
    const writer = await createLrsClient(app, platformId, ['statements/write', 'statements/read/mine']);
    await lrs.request('POST', '/statements', { json: statement('s1') });
    const [mine] = (await writer.request('POST', '/statements', { json: statement('s2') })).json;
    const listed = await writer.request('GET', '/statements');
    assert.deepEqual(listed.json.statements.map((s: { id: string }) => s.id), [mine]);
    const reader = await createLrsClient(app, platformId, ['statements/read']);
    const refused = await reader.request('POST', '/statements', { json: statement('s3') });
    assert.equal(refused.status, 403);
  });

  it('refuses bad credentials (401 with a challenge), a missing version header and unknown parameters (400)', async () => {
    const noAuth = await lrs.request('GET', '/statements', { auth: null });
    assert.equal(noAuth.status, 401);
    assert.match(noAuth.headers.get('www-authenticate') ?? '', /^Basic/);
    assert.equal((await lrs.request('GET', '/statements', { auth: { key: lrs.key, secret: 'wrong' } })).status, 401);
    const noVersion = await lrs.request('GET', '/statements', { version: null });
    assert.equal(noVersion.status, 400);
    assert.match(noVersion.json.detail, /X-Experience-API-Version/);
    assert.equal((await lrs.request('GET', '/statements', { params: { colour: 'blue' } })).status, 400);
    assert.equal((await lrs.request('GET', '/statements', { params: { statementId: crypto.randomUUID(), verb: VIEWED } })).status, 400);
    assert.equal((await lrs.request('POST', '/statements', { body: '{"actor":', contentType: 'application/json' })).status, 400);
    assert.equal((await lrs.request('GET', '/statements', { auth: { key: 'amphi_\u0000', secret: 'x' } })).status, 401);
    const forged = Buffer.from(JSON.stringify({ p: {}, s: '2026-01-01T00:00:00.000Z', q: '9'.repeat(23) })).toString('base64url');
    assert.equal((await lrs.request('GET', '/statements', { params: { more: forged } })).status, 400);
  });

  it('accepts the same batch sent at once in opposite orders (a client retrying) without error or duplicate', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => ({ ...statement(`s${i}`), id: crypto.randomUUID() }));
    const reversed = [...batch].reverse();
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => lrs.request('POST', '/statements', { json: i % 2 ? reversed : batch })));
    assert.deepEqual(answers.map((a) => a.status), Array(8).fill(200), answers.find((a) => a.status !== 200)?.text);
    const count = await app.ctx.db.selectFrom('lrs_statements').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 300);
  });

  it('refuses a body over LRS_BODY_LIMIT with 413 and a body of another type with 400, storing nothing', async () => {
    const huge = await lrs.request('POST', '/statements', { body: `[${'"x",'.repeat(5_300_000)}"x"]`, contentType: 'application/json' });
    assert.equal(huge.status, 413);
    assert.match(huge.json.detail, /larger than/);
    const text = await lrs.request('POST', '/statements', { body: JSON.stringify(statement('s1')), contentType: 'text/plain' });
    assert.equal(text.status, 400);
    assert.match(text.json.detail, /text\/plain/);
    assert.deepEqual((await lrs.request('GET', '/statements')).json.statements, []);
  });

  it('stores a batch larger than one INSERT can carry, all or nothing', async () => {
    const batch = Array.from({ length: 4500 }, (_, i) => statement(`s${i % 50}`));
    const posted = await lrs.request('POST', '/statements', { json: batch });
    assert.equal(posted.status, 200, posted.text.slice(0, 300));
    assert.equal(posted.json.length, 4500);
    const count = await app.ctx.db.selectFrom('lrs_statements').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 4500);
  });

  it('serves the alternate request syntax (POST ?method=PUT with the headers in the form)', async () => {
    const id = crypto.randomUUID();
    const form = new URLSearchParams({
      statementId: id,
      Authorization: `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}`,
      'X-Experience-API-Version': '1.0.3',
      'Content-Type': 'application/json',
      content: JSON.stringify(statement('s1')),
    });
    const res = await lrsRequest(app.url, 'POST', '/statements', { params: { method: 'PUT' }, body: form.toString(), contentType: 'application/x-www-form-urlencoded', version: null });
    assert.equal(res.status, 204, res.text);
    assert.equal((await lrs.request('GET', '/statements', { params: { statementId: id } })).json.id, id);
  });

  it('answers About without credentials, and HEAD like GET without a body', async () => {
    const about = await lrsRequest(app.url, 'GET', '/about', { version: null });
    assert.equal(about.status, 200);
    assert.ok(about.json.version.includes('1.0.3'));
    const head = await lrs.request('HEAD', '/statements');
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.match(head.headers.get('content-type') ?? '', /application\/json/);
  });
});

/**
 * A Kysely plugin that runs `between` once, when the voiding check (the SELECT of lrs_statements
 * that reads who stored each target) has answered and before the transaction's next query.
 */
function afterVoidingCheck(between: () => Promise<void>): KyselyPlugin {
  const checks = new Set<string>();
  let ran = false;
  return {
    transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
      const text = JSON.stringify(node);
      if (node.kind === 'SelectQueryNode' && text.includes('"lrs_statements"') && text.includes('"credential_id"') && text.includes('"is_voiding"')) checks.add(queryId.queryId);
      return node;
    },
    async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      if (!ran && checks.has(queryId.queryId)) {
        ran = true;
        await between();
      }
      return result;
    },
  };
}

/** Another Amphi server on the test's PostgreSQL database, as a second process would be: its own pool and context. */
async function startSecondServer(app: TestApp) {
  const database = await openDatabase({ engine: 'postgres', url: app.database.url!, poolSize: 3 });
  const ctx = await createContext(app.config, database, createLogger('silent'));
  const server = http.createServer(buildApp(ctx));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    db: database.db,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
    },
  };
}

/** Inserts a statement with this id in a transaction left open until `release` (then rolled back). */
async function holdStatementId(db: TestApp['ctx']['db'], platformId: string, id: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held!: () => void;
  const holding = new Promise<void>((resolve) => (held = resolve));
  const stored = new Date().toISOString();
  const row = statementRow(platformId, { ...statement('holder'), id, stored, timestamp: stored, authority: { mbox: 'mailto:holder@example.com' }, version: '1.0.0' } as never, null);
  const done = db
    .transaction()
    .execute(async (trx) => {
      await insertStatementRows(trx, [row]);
      held();
      await released;
      throw new Error('rolled back');
    })
    .catch(() => {});
  await holding;
  return {
    async release() {
      release();
      await done;
    },
  };
}

/** When a query of the test's database starts waiting for a lock (polled), as Date.now(). */
async function waitForLockWait(app: TestApp): Promise<number> {
  for (let i = 0; i < 1000; i++) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`.execute(app.ctx.db);
    if (rows[0]!.n > 0) return Date.now();
    await sleep(10);
  }
  throw new Error('no query waited for the lock');
}
