import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { multipartBody } from '../../../src/lrs/attachments/multipart-writer.js';
import type { LrsPrincipal } from '../../../src/lrs/credentials/lrs-principal.js';
import { LrsForwardingWorker } from '../../../src/lrs/sinks/forwarding-worker.js';
import { runAdminCommand } from '../../../src/admin/admin-commands.js';
import { enqueueForwarding, forwardingBacklog } from '../../../src/lrs/sinks/forwarding.service.js';
import { storeStatements } from '../../../src/lrs/statements/statement.service.js';
import { eventually } from '../../support/factories.js';
import { startFakeElasticsearch, type FakeElasticsearch } from '../../support/fake-elasticsearch.js';
import { startFakeLrs, type FakeLrs } from '../../support/fake-lrs.js';
import { addLrsPlatform, createLrsClient, type LrsClient } from '../../support/lrs-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const FORWARD_AUTH = { username: 'amphi', password: 'forward-secret' };
const ES_API_KEY = 'YW1waGk6a2V5';

function statement(learner: string, extra: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    actor: { objectType: 'Agent' as const, account: { homePage: 'https://moodle.example', name: learner } },
    verb: { id: 'http://id.tincanapi.com/verb/viewed', display: { 'en-US': 'viewed' } },
    object: { objectType: 'Activity' as const, id: 'https://moodle.example/mod/page/view.php?id=7' },
    ...extra,
  };
}

describe('forwarding accepted statements', () => {
  let es: FakeElasticsearch;
  let target: FakeLrs;
  let app: TestApp;
  let lrs: LrsClient;
  let index: string;

  before(async () => {
    es = await startFakeElasticsearch({ apiKey: ES_API_KEY });
    target = await startFakeLrs(FORWARD_AUTH);
    app = await startTestApp({
      LRS_ELASTICSEARCH_URL: es.url,
      LRS_ELASTICSEARCH_API_KEY: ES_API_KEY,
      LRS_FORWARD_URL: `${target.url}/`,
      LRS_FORWARD_USERNAME: FORWARD_AUTH.username,
      LRS_FORWARD_PASSWORD: FORWARD_AUTH.password,
      LRS_FORWARDING_RETRY_BASE_MS: '20',
      LRS_FORWARDING_RETRY_MAX_MS: '200',
    });
  });
  after(async () => {
    await app.close();
    await es.close();
    await target.close();
  });
  beforeEach(async () => {
    es.down = target.down = false;
    es.itemError = target.refuse = undefined;
    await app.reset();
    const platformId = await addLrsPlatform(app);
    lrs = await createLrsClient(app, platformId);
    index = `amphi-statements-${platformId.toLowerCase()}`;
  });

  const post = async (statements: unknown[]) => {
    const res = await lrs.request('POST', '/statements', { json: statements });
    assert.equal(res.status, 200, res.text);
  };
  const outboxRows = () => app.ctx.db.selectFrom('lrs_sink_outbox').selectAll().orderBy('sink').execute();
  const inEs = (ids: string[]) => ids.every((id) => es.document(index, id));
  const inTarget = (ids: string[]) => ids.every((id) => target.statements.has(id));
  const delivered = (ids: string[]) => eventually('delivery to both sinks', async () => inEs(ids) && inTarget(ids) && (await outboxRows()).length === 0);

  it('sends what the LRS stores to Elasticsearch and to the other LRS, then empties the outbox', async () => {
    const batch = [statement('s1'), statement('s2'), statement('s3')];
    await post(batch);
    await delivered(batch.map((s) => s.id));
    const doc = es.document(index, batch[0]!.id)!;
    assert.equal(doc.platform_id, lrs.platformId);
    assert.match(String(doc.stored), /^\d{4}-\d\d-\d\dT/);
    assert.deepEqual(doc.actor, batch[0]!.actor);
    const forwarded = target.statements.get(batch[1]!.id)!;
    assert.deepEqual(forwarded.verb, batch[1]!.verb);
    assert.equal((forwarded.authority as { account: { name: string } }).account.name, lrs.key, 'the statement as Amphi stored it');
  });

  it('forwards nothing of a batch the LRS refused: the outbox is written in the same transaction', async () => {
    const first = statement('s1');
    await post([first]);
    await delivered([first.id]);
    const refused = statement('s2');
    const conflict = await lrs.request('POST', '/statements', { json: [refused, { ...first, verb: { id: 'http://adlnet.gov/expapi/verbs/completed' } }] });
    assert.equal(conflict.status, 409, conflict.text);
    await app.ctx.lrsForwarding.drain();
    assert.deepEqual(await outboxRows(), []);
    assert.ok(!es.document(index, refused.id) && !target.statements.has(refused.id));
  });

  it('keeps statements while a target is down, the other target unaffected, and delivers each once when it is back', async () => {
    target.down = true;
    const batch = [statement('s1'), statement('s2'), statement('s3'), statement('s4')];
    await post(batch);
    const ids = batch.map((s) => s.id);
    await eventually('Elasticsearch has them', () => inEs(ids));
    const waiting = await eventually('retries under way', async () => {
      const rows = await outboxRows();
      return rows.length === 4 && rows.every((r) => r.sink === 'xapi' && r.status === 'pending' && r.attempts >= 2) && rows;
    });
    assert.match(String(waiting[0]!.last_error), /^xapi|fetch failed|socket/i);
    target.down = false;
    await delivered(ids);
    for (const id of ids) {
      assert.equal(target.received.get(id), 1, 'received once');
      assert.equal(es.writes.get(`${index}/${id}`), 1, 'indexed once');
    }
  });

  it('delivers after a restart in the middle of the retries', async () => {
    es.down = true;
    const batch = [statement('s1'), statement('s2')];
    await post(batch);
    await eventually('a failed attempt', async () => (await outboxRows()).some((r) => r.sink === 'elasticsearch' && r.attempts >= 1 && r.last_error));
    await app.restart();
    es.down = false;
    await delivered(batch.map((s) => s.id));
    for (const s of batch) assert.equal(es.writes.get(`${index}/${s.id}`), 1);
  });

  it('keeps a statement Elasticsearch refuses for good as failed, with the reason, and sends it again once requeued', async () => {
    const [ok, bad] = [statement('s1'), statement('s2')];
    es.itemError = (_index, id) => (id === bad.id ? { status: 400, type: 'document_parsing_exception', reason: 'failed to parse field [object.id]' } : undefined);
    await post([ok, bad]);
    const failed = await eventually('the refusal recorded', async () => {
      const rows = await outboxRows();
      return rows.length === 1 && rows[0]!.status === 'failed' && rows[0];
    });
    assert.equal(failed.statement_id, bad.id);
    assert.equal(failed.sink, 'elasticsearch');
    assert.match(String(failed.last_error), /document_parsing_exception: failed to parse field \[object\.id\]/);
    assert.ok(inEs([ok.id]) && inTarget([ok.id, bad.id]), 'the rest went through, and the other target took it');
    // What `amphi lrs forwarding status|retry` runs.
    assert.deepEqual(await runAdminCommand(app.ctx, 'lrs-forwarding-status', {}), {
      sinks: ['elasticsearch', 'xapi'],
      backlog: [{ sink: 'elasticsearch', status: 'failed', count: 1 }],
    });
    es.itemError = undefined;
    assert.deepEqual(await runAdminCommand(app.ctx, 'lrs-forwarding-retry', { sink: 'elasticsearch' }), { requeued: 1 });
    await delivered([ok.id, bad.id]);
    assert.deepEqual(await forwardingBacklog(app.ctx.db), []);
  });

  it('forwards the attachments of a statement to the other LRS', async () => {
    const content = Buffer.from('attestation de suivi');
    const sha2 = crypto.createHash('sha256').update(content).digest('hex');
    const s = statement('s1', {
      attachments: [{ usageType: 'http://id.tincanapi.com/attachment/certificate', display: { 'fr-FR': 'Attestation' }, contentType: 'text/plain', length: content.length, sha2 }],
    });
    const boundary = crypto.randomBytes(8).toString('hex');
    const res = await lrs.request('POST', '/statements', {
      body: multipartBody(boundary, [s], [{ sha2, contentType: 'text/plain', content }]),
      contentType: `multipart/mixed; boundary=${boundary}`,
    });
    assert.equal(res.status, 200, res.text);
    await delivered([s.id]);
    assert.deepEqual(target.attachments.get(sha2), { contentType: 'text/plain', content });
  });

  it('forwards each statement once with two workers on one database (claims skip each other)', async () => {
    await app.ctx.lrsForwarding.stop();
    const batch = Array.from({ length: 60 }, (_, n) => statement(`s${n}`));
    await post(batch);
    const workers = [1, 2].map(() => new LrsForwardingWorker(app.ctx, { batchSize: 7 }));
    try {
      await Promise.all(workers.map((w) => w.drain()));
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
    }
    await delivered(batch.map((s) => s.id));
    for (const s of batch) {
      assert.equal(target.received.get(s.id), 1);
      assert.equal(es.writes.get(`${index}/${s.id}`), 1);
    }
  });

  it('drops an outbox row whose statement is gone, sending nothing', async () => {
    await app.ctx.lrsForwarding.stop();
    const ghost = crypto.randomUUID();
    await app.ctx.db.transaction().execute((trx) => enqueueForwarding(trx, app.ctx, lrs.platformId, [ghost]));
    assert.equal((await outboxRows()).length, 2, 'one row per sink');
    const posts = target.posts;
    const bulks = es.bulkRequests;
    await app.ctx.lrsForwarding.drain();
    assert.deepEqual(await outboxRows(), []);
    assert.deepEqual([target.posts, es.bulkRequests], [posts, bulks]);
  });

  it('writes no outbox row when no sink is configured', async () => {
    const noSinks = { ...app.config, lrsSinks: { ...app.config.lrsSinks, elasticsearch: undefined, xapi: undefined } };
    const principal: LrsPrincipal = {
      platformId: lrs.platformId,
      credentialId: null,
      scopes: new Set(['all']),
      authority: { objectType: 'Agent', account: { homePage: app.url, name: 'amphi' } },
    };
    const s = statement('s1');
    assert.deepEqual(await storeStatements({ ...app.ctx, config: noSinks }, principal, [s]), [s.id]);
    assert.ok(await app.ctx.db.selectFrom('lrs_statements').select('id').where('id', '=', s.id).executeTakeFirst(), 'the statement is stored');
    assert.deepEqual(await outboxRows(), []);
    const idle = new LrsForwardingWorker({ ...app.ctx, config: noSinks });
    idle.start();
    await idle.drain();
    await idle.stop();
  });
});
