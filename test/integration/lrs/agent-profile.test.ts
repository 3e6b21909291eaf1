import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestApp } from '../../support/test-app.js';
import { addLrsPlatform, createLrsClient, useLrsApp, type LrsClient, type LrsRequestOptions } from '../../support/lrs-client.js';

const AGENT = { objectType: 'Agent', account: { homePage: 'http://www.example.com/agentId/1', name: 'Rick James' } };
const profile = (agent: object = AGENT, extra: Record<string, string> = {}) => ({ agent: JSON.stringify(agent), profileId: 'preferences', ...extra });
const CREATE = { 'If-None-Match': '*' };

describe('xAPI Agent Profile resource (/agents/profile)', () => {
  let app: TestApp;
  let lrs: LrsClient;
  useLrsApp((fixture) => ({ app, lrs } = fixture));

  const call = (method: string, params: Record<string, string>, options: LrsRequestOptions = {}) =>
    lrs.request(method, '/agents/profile', { params, ...options });

  it('stores, merges, lists and deletes the documents of an Agent', async () => {
    assert.equal((await call('PUT', profile(), { json: { language: 'fr' }, headers: CREATE })).status, 204);
    assert.equal((await call('POST', profile(), { json: { fontSize: 14 } })).status, 204);
    const got = await call('GET', profile());
    assert.deepEqual(got.json, { language: 'fr', fontSize: 14 });
    assert.match(got.headers.get('etag')!, /^"[0-9a-f]{40}"$/);

    await call('POST', profile(AGENT, { profileId: 'other' }), { json: {} });
    assert.deepEqual((await call('GET', { agent: JSON.stringify(AGENT) })).json, ['other', 'preferences']);

    assert.equal((await call('DELETE', profile())).status, 204);
    assert.deepEqual((await call('GET', { agent: JSON.stringify(AGENT) })).json, ['other']);
  });

  it('applies the profile concurrency rules to PUT (400 / 409 / 412)', async () => {
    assert.equal((await call('PUT', profile(), { json: { v: 1 } })).status, 400);
    await call('PUT', profile(), { json: { v: 1 }, headers: CREATE });
    assert.equal((await call('PUT', profile(), { json: { v: 2 } })).status, 409);
    assert.equal((await call('PUT', profile(), { json: { v: 2 }, headers: { 'If-Match': '"0"' } })).status, 412);
    const etag = (await call('GET', profile())).headers.get('etag')!;
    assert.equal((await call('PUT', profile(), { json: { v: 2 }, headers: { 'If-Match': etag } })).status, 204);
    assert.deepEqual((await call('GET', profile())).json, { v: 2 });
  });

  it('finds an Agent by its identifier only; other Agents have their own documents', async () => {
    await call('PUT', profile({ mbox: 'mailto:ines@example.org' }), { json: { a: 1 }, headers: CREATE });
    assert.deepEqual((await call('GET', profile({ objectType: 'Agent', name: 'Inès', mbox: 'mailto:ines@example.org' }))).json, { a: 1 });
    assert.equal((await call('GET', profile({ mbox: 'mailto:hugo@example.org' }))).status, 404);
    assert.equal((await call('GET', profile({ mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' }))).status, 404);
  });

  it('stores documents of an identified Group under its identifier', async () => {
    const group = { objectType: 'Group', name: 'Team', mbox: 'mailto:team@example.org' };
    assert.equal((await call('PUT', profile(group), { json: { g: 1 }, headers: CREATE })).status, 204);
    assert.deepEqual((await call('GET', profile({ mbox: 'mailto:team@example.org' }))).json, { g: 1 });
  });

  describe('parameters', () => {
    const broken = encodeURIComponent(JSON.stringify(AGENT)).replace('%3A', '%22');
    const rejections: [string, string, Record<string, string>][] = [
      ['PUT', 'without agent', { profileId: 'preferences' }],
      ['POST', 'without agent', { profileId: 'preferences' }],
      ['GET', 'without agent', { profileId: 'preferences' }],
      ['DELETE', 'without agent', { profileId: 'preferences' }],
      ['PUT', 'with an agent that is not an Agent', { agent: 'true', profileId: 'preferences' }],
      ['POST', 'with an agent whose JSON is broken', { agent: decodeURIComponent(broken), profileId: 'preferences' }],
      ['DELETE', 'with an agent that has two identifiers', profile({ mbox: 'mailto:a@example.org', openid: 'http://openid.example.org/a' })],
      ['GET', 'with an anonymous Group', profile({ objectType: 'Group', member: [AGENT] })],
      ['PUT', 'without profileId', { agent: JSON.stringify(AGENT) }],
      ['POST', 'without profileId', { agent: JSON.stringify(AGENT) }],
      ['DELETE', 'without profileId', { agent: JSON.stringify(AGENT) }],
      ['GET', 'with a since that is not a timestamp', { agent: JSON.stringify(AGENT), since: 'true' }],
      ['GET', 'with activityId, which this resource does not take', profile(AGENT, { activityId: 'http://example.com/a' })],
    ];
    for (const [method, what, params] of rejections) {
      it(`refuses ${method} ${what} with 400`, async () => {
        const res = await call(method, params, method === 'PUT' || method === 'POST' ? { json: { a: 1 }, headers: CREATE } : {});
        assert.equal(res.status, 400, res.text);
      });
    }
  });

  it('keeps each platform to its own documents', async () => {
    await call('PUT', profile(), { json: { platform: 'A' }, headers: CREATE });
    const other = await createLrsClient(app, await addLrsPlatform(app, 'Other Moodle'));
    assert.equal((await other.request('GET', '/agents/profile', { params: profile() })).status, 404);
    assert.deepEqual((await other.request('GET', '/agents/profile', { params: { agent: JSON.stringify(AGENT) } })).json, []);
  });

  it('needs the profile scope: 403 for credentials without it', async () => {
    const reader = await createLrsClient(app, lrs.platformId, ['statements/read']);
    assert.equal((await reader.request('GET', '/agents/profile', { params: profile() })).status, 403);
  });
});
