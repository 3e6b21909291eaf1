import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ElasticsearchSink, itemOutcome, statementDocument } from '../../../../src/lrs/sinks/elasticsearch.sink.js';
import { SinkUnavailableError } from '../../../../src/lrs/sinks/forwarding-sink.js';
import type { OutboxItem } from '../../../../src/lrs/sinks/sink-outbox.repository.js';
import { startFakeElasticsearch, type FakeElasticsearch } from '../../../support/fake-elasticsearch.js';

const PLATFORM = 'B8C3E9A0-0000-4000-8000-000000000001';

function item(fields: Partial<OutboxItem> = {}): OutboxItem {
  const id = crypto.randomUUID();
  return {
    platformId: PLATFORM,
    statementId: id,
    attempts: 1,
    statement: { id, actor: { mbox: 'mailto:ada@univ.fr' }, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://amphi/v/1' } },
    stored: new Date('2026-03-01T10:00:00.123Z'),
    attachmentHashes: null,
    ...fields,
  };
}

describe('Elasticsearch sink', () => {
  let es: FakeElasticsearch;
  let sink: ElasticsearchSink;

  before(async () => {
    es = await startFakeElasticsearch({ apiKey: 'a2V5OnNlY3JldA==' });
    sink = new ElasticsearchSink({ url: es.url, index: 'amphi-statements-{platform}', auth: { apiKey: 'a2V5OnNlY3JldA==' }, caFile: undefined });
  });
  after(async () => {
    await sink.close();
    await es.close();
  });
  beforeEach(() => {
    es.down = false;
    es.itemError = undefined;
    es.failNext(0);
  });

  it('indexes each statement under its id, in the index of its platform (lower case), with stored and the platform id', async () => {
    const items = [item(), item()];
    assert.deepEqual(await sink.deliver(items), [{ kind: 'delivered' }, { kind: 'delivered' }]);
    const index = `amphi-statements-${PLATFORM.toLowerCase()}`;
    for (const i of items) {
      assert.deepEqual(es.document(index, i.statementId), { ...i.statement, stored: '2026-03-01T10:00:00.123Z', platform_id: PLATFORM });
    }
    assert.match(String(es.lastHeaders['content-type']), /compatible-with=8/, 'an 8.x client: an Elasticsearch 8 node accepts it');
    assert.equal(es.lastHeaders.authorization, 'ApiKey a2V5OnNlY3JldA==');
  });

  it('writes the same document again when a statement is sent twice (idempotent by id)', async () => {
    const i = item();
    await sink.deliver([i]);
    await sink.deliver([i]);
    const index = `amphi-statements-${PLATFORM.toLowerCase()}`;
    assert.equal(es.document(index, i.statementId)?.id, i.statementId);
    assert.equal(es.writes.get(`${index}/${i.statementId}`), 2);
  });

  it('answers per statement when some are refused: a mapping error fails, an overloaded shard is retried', async () => {
    const [ok, bad, busy] = [item(), item(), item()];
    es.itemError = (_index, id) =>
      id === bad.statementId
        ? { status: 400, type: 'document_parsing_exception', reason: 'failed to parse field [result.score.raw] of type [long]' }
        : id === busy.statementId
          ? { status: 429, type: 'es_rejected_execution_exception', reason: 'rejected execution' }
          : undefined;
    const outcomes = await sink.deliver([ok, bad, busy]);
    assert.deepEqual(outcomes[0], { kind: 'delivered' });
    assert.equal(outcomes[1]?.kind, 'fail');
    assert.match((outcomes[1] as { reason: string }).reason, /^elasticsearch 400: document_parsing_exception: failed to parse field/);
    assert.equal(outcomes[2]?.kind, 'retry');
  });

  it('throws SinkUnavailableError when the node is down or answers an error for the whole request', async () => {
    es.down = true;
    await assert.rejects(sink.deliver([item()]), (err) => err instanceof SinkUnavailableError && err.params.service === 'elasticsearch');
    es.down = false;
    es.failNext(1, 503);
    const requests = es.bulkRequests;
    await assert.rejects(sink.deliver([item()]), (err) => err instanceof SinkUnavailableError && /^503/.test(err.reason));
    assert.equal(es.bulkRequests, requests + 1, 'the client does not retry on its own: the outbox does');
    assert.deepEqual(await sink.deliver([item()]), [{ kind: 'delivered' }], 'and works again once the node is back');
  });

  it('throws SinkUnavailableError when the credentials are refused', async () => {
    const wrong = new ElasticsearchSink({ url: es.url, index: 'x', auth: { username: 'u', password: 'p' }, caFile: undefined });
    try {
      await assert.rejects(wrong.deliver([item()]), (err) => err instanceof SinkUnavailableError && /^401/.test(err.reason));
    } finally {
      await wrong.close();
    }
  });
});

describe('bulk item outcomes', () => {
  it('reads each status as Elasticsearch documents it', () => {
    assert.deepEqual(itemOutcome({ index: { _index: 'x', status: 201 } }), { kind: 'delivered' });
    assert.deepEqual(itemOutcome({ index: { _index: 'x', status: 200 } }), { kind: 'delivered' });
    for (const status of [429, 500, 503, 403, 404, 408]) assert.equal(itemOutcome({ index: { _index: 'x', status } }).kind, 'retry', String(status));
    for (const status of [400, 409, 413]) assert.equal(itemOutcome({ index: { _index: 'x', status } }).kind, 'fail', String(status));
    assert.equal(itemOutcome(undefined).kind, 'retry', 'an item missing from the answer is tried again');
  });

  it('builds the document from the stored statement', () => {
    const i = item();
    const doc = statementDocument({ ...i, statement: { ...i.statement, stored: 'something else' } });
    assert.equal(doc.stored, '2026-03-01T10:00:00.123Z');
    assert.equal(doc.platform_id, PLATFORM);
    assert.equal(doc.id, i.statementId);
  });
});
