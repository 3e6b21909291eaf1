import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { AttachmentPart } from '../../../../src/lrs/attachments/attachment-part.js';
import { SinkUnavailableError } from '../../../../src/lrs/sinks/forwarding-sink.js';
import type { OutboxItem } from '../../../../src/lrs/sinks/sink-outbox.repository.js';
import { XapiLrsSink, type AttachmentLoader } from '../../../../src/lrs/sinks/xapi-lrs.sink.js';
import { OutboundHttp } from '../../../../src/http/outbound.js';
import { startFakeLrs, type FakeLrs } from '../../../support/fake-lrs.js';

const AUTH = { username: 'amphi', password: 'forward-secret' };
const noAttachments: AttachmentLoader = async () => [];

function item(extra: Record<string, unknown> = {}): OutboxItem {
  const id = crypto.randomUUID();
  return {
    platformId: 'p1',
    statementId: id,
    attempts: 1,
    statement: {
      id,
      actor: { mbox: 'mailto:ada@univ.fr' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'https://amphi/v/1' },
      stored: '2026-03-01T10:00:00.000Z',
      authority: { mbox: 'mailto:amphi@univ.fr' },
      ...extra,
    },
    stored: new Date('2026-03-01T10:00:00.000Z'),
    attachmentHashes: null,
  };
}

describe('xAPI LRS sink', () => {
  let lrs: FakeLrs;
  let sink: XapiLrsSink;

  // The fake LRS listens on loopback: the operator's URL (env), reached whatever its address.
  const outbound = new OutboundHttp({ allow: [] });
  before(async () => {
    lrs = await startFakeLrs(AUTH);
    sink = new XapiLrsSink({ url: lrs.url, auth: AUTH }, noAttachments, outbound);
  });
  after(() => lrs.close());
  beforeEach(() => {
    lrs.down = false;
    lrs.refuse = undefined;
    lrs.failNext(0);
  });

  it('posts the batch to <url>/statements with the xAPI version and Basic credentials', async () => {
    const items = [item(), item(), item()];
    const posts = lrs.posts;
    assert.deepEqual(await sink.deliver(items), items.map(() => ({ kind: 'delivered' })));
    assert.equal(lrs.posts, posts + 1, 'one request for the batch');
    for (const i of items) assert.deepEqual(lrs.statements.get(i.statementId), i.statement);
    assert.equal(lrs.lastHeaders['x-experience-api-version'], '1.0.3');
    assert.equal(lrs.lastHeaders['content-type'], 'application/json');
  });

  it('counts a statement the LRS already holds as delivered, the same (accepted) or another (409, the id is the key)', async () => {
    const same = item();
    const taken = item();
    await sink.deliver([same]);
    lrs.statements.set(taken.statementId, { ...taken.statement, verb: { id: 'http://adlnet.gov/expapi/verbs/voided' } });
    const fresh = [item(), item(), item()];
    const outcomes = await sink.deliver([same, fresh[0]!, taken, fresh[1]!, fresh[2]!]);
    assert.deepEqual(outcomes.map((o) => o.kind), ['delivered', 'delivered', 'delivered', 'delivered', 'delivered']);
    assert.match((outcomes[2] as { warning?: string }).warning ?? '', /holds another statement with this id.*409/);
    for (const f of fresh) assert.ok(lrs.statements.has(f.statementId), 'the rest of the batch gets through');
    assert.deepEqual(lrs.statements.get(taken.statementId)?.verb, { id: 'http://adlnet.gov/expapi/verbs/voided' }, 'what the LRS holds is left as it is');
  });

  it('finds the statements the LRS refuses (400) by splitting the batch; they fail, the others are delivered', async () => {
    const items = Array.from({ length: 7 }, () => item());
    const bad = new Set([items[1]!.statementId, items[5]!.statementId]);
    lrs.refuse = (s) => (bad.has(String(s.id)) ? 'verb display must be a language map' : undefined);
    const outcomes = await sink.deliver(items);
    items.forEach((i, n) => {
      if (bad.has(i.statementId)) {
        assert.deepEqual(outcomes[n], { kind: 'fail', reason: 'xapi 400: verb display must be a language map' });
        assert.ok(!lrs.statements.has(i.statementId));
      } else {
        assert.deepEqual(outcomes[n], { kind: 'delivered' });
        assert.ok(lrs.statements.has(i.statementId));
      }
    });
  });

  it('throws SinkUnavailableError when the LRS is down, busy (with its Retry-After) or refuses the credentials', async () => {
    lrs.down = true;
    await assert.rejects(sink.deliver([item()]), (err) => err instanceof SinkUnavailableError && err.params.service === 'xapi');
    lrs.down = false;
    lrs.failNext(1, 503, 30);
    await assert.rejects(sink.deliver([item()]), (err) => err instanceof SinkUnavailableError && err.retryAfterMs === 30_000 && /^503/.test(err.reason));
    const wrong = new XapiLrsSink({ url: lrs.url, auth: { username: 'amphi', password: 'old' } }, noAttachments, outbound);
    await assert.rejects(wrong.deliver([item()]), (err) => err instanceof SinkUnavailableError && /^401/.test(err.reason));
    const nowhere = new XapiLrsSink({ url: `${lrs.url}/nope`, auth: AUTH }, noAttachments, outbound);
    await assert.rejects(nowhere.deliver([item()]), (err) => err instanceof SinkUnavailableError && /^404/.test(err.reason));
  });

  it('sends the attachments Amphi holds in multipart/mixed (Communication 1.5.2)', async () => {
    const content = Buffer.from('%PDF-1.4 certificate');
    const sha2 = crypto.createHash('sha256').update(content).digest('hex');
    const attachment = { usageType: 'http://id.tincanapi.com/attachment/certificate', display: { 'fr-FR': 'Attestation' }, contentType: 'application/pdf', length: content.length, sha2 };
    const withData = { ...item({ attachments: [attachment] }), attachmentHashes: [sha2] };
    const asked: string[][] = [];
    const loader: AttachmentLoader = async (platformId, sha2s) => {
      asked.push([platformId, ...sha2s]);
      return sha2s.includes(sha2) ? [{ sha2, contentType: 'application/pdf', content } satisfies AttachmentPart] : [];
    };
    const multipart = new XapiLrsSink({ url: lrs.url, auth: AUTH }, loader, outbound);
    assert.deepEqual(await multipart.deliver([withData, item()]), [{ kind: 'delivered' }, { kind: 'delivered' }]);
    assert.deepEqual(asked, [['p1', sha2]]);
    assert.match(String(lrs.lastHeaders['content-type']), /^multipart\/mixed; boundary=[0-9a-f]+$/);
    assert.deepEqual(lrs.attachments.get(sha2), { contentType: 'application/pdf', content });
  });
});
