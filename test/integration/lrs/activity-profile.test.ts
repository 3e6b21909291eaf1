import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestApp } from '../../support/test-app.js';
import { addLrsPlatform, createLrsClient, useLrsApp, type LrsClient, type LrsRequestOptions } from '../../support/lrs-client.js';

const ACTIVITY = 'https://moodle.example/mod/h5pactivity/view.php?id=3';
const profile = (extra: Record<string, string> = {}) => ({ activityId: ACTIVITY, profileId: 'settings', ...extra });
const sha1 = (s: string) => crypto.createHash('sha1').update(s).digest('hex');
const CREATE = { 'If-None-Match': '*' };

describe('xAPI Activity Profile resource (/activities/profile)', () => {
  let app: TestApp;
  let lrs: LrsClient;
  useLrsApp((fixture) => ({ app, lrs } = fixture));

  const call = (method: string, params: Record<string, string>, options: LrsRequestOptions = {}) =>
    lrs.request(method, '/activities/profile', { params, ...options });

  it('creates a document with If-None-Match: * and returns it with a quoted lower-case SHA-1 ETag', async () => {
    const put = await call('PUT', profile(), { body: '{"theme":"dark"}', contentType: 'application/json', headers: CREATE });
    assert.equal(put.status, 204, put.text);
    const got = await call('GET', profile());
    assert.equal(got.status, 200);
    assert.equal(got.text, '{"theme":"dark"}');
    assert.equal(got.headers.get('etag'), `"${sha1('{"theme":"dark"}')}"`);
    assert.match(got.headers.get('etag')!, /^"[0-9a-f]{40}"$/);
    assert.ok(!Number.isNaN(Date.parse(got.headers.get('last-modified')!)));
  });

  it('refuses a PUT without If-Match or If-None-Match: 400 for a new document, 409 over an existing one', async () => {
    const missing = await call('PUT', profile(), { json: { a: 1 } });
    assert.equal(missing.status, 400);
    assert.equal((await call('GET', profile())).status, 404);

    await call('PUT', profile(), { json: { a: 1 }, headers: CREATE });
    const conflict = await call('PUT', profile(), { json: { a: 2 } });
    assert.equal(conflict.status, 409);
    assert.match(conflict.json.detail, /current state/);
    assert.match(conflict.json.detail, /If-Match/);
    assert.deepEqual((await call('GET', profile())).json, { a: 1 });
  });

  it('replaces the document with the right If-Match and refuses a stale one with 412', async () => {
    await call('PUT', profile(), { json: { v: 1 }, headers: CREATE });
    const etag = (await call('GET', profile())).headers.get('etag')!;

    const stale = await call('PUT', profile(), { json: { v: 2 }, headers: { 'If-Match': '"1111111111111111111111111111111111111111"' } });
    assert.equal(stale.status, 412);
    assert.deepEqual((await call('GET', profile())).json, { v: 1 });

    assert.equal((await call('PUT', profile(), { json: { v: 2 }, headers: { 'If-Match': etag } })).status, 204);
    assert.deepEqual((await call('GET', profile())).json, { v: 2 });
    // The ETag of the replaced version no longer matches.
    assert.equal((await call('PUT', profile(), { json: { v: 3 }, headers: { 'If-Match': etag } })).status, 412);
    // If-Match: * means "any version that exists".
    assert.equal((await call('PUT', profile(), { json: { v: 3 }, headers: { 'If-Match': '*' } })).status, 204);
  });

  it('refuses If-None-Match: * over an existing document and If-Match for a missing one, with 412', async () => {
    await call('PUT', profile(), { json: { v: 1 }, headers: CREATE });
    assert.equal((await call('PUT', profile(), { json: { v: 2 }, headers: CREATE })).status, 412);
    assert.deepEqual((await call('GET', profile())).json, { v: 1 });
    const absent = await call('PUT', profile({ profileId: 'absent' }), { json: { v: 1 }, headers: { 'If-Match': '*' } });
    assert.equal(absent.status, 412);
    assert.equal((await call('GET', profile({ profileId: 'absent' }))).status, 404);
  });

  it('merges POSTed JSON without concurrency headers, and checks If-Match on POST when sent', async () => {
    await call('POST', profile(), { json: { car: 'Honda' } });
    assert.equal((await call('POST', profile(), { json: { type: 'Civic' } })).status, 204);
    assert.deepEqual((await call('GET', profile())).json, { car: 'Honda', type: 'Civic' });

    assert.equal((await call('POST', profile(), { json: { type: 'Jazz' }, headers: { 'If-Match': '"0"' } })).status, 412);
    assert.equal((await call('POST', profile(), { body: 'abc', contentType: 'application/x-www-form-urlencoded' })).status, 400);
    assert.deepEqual((await call('GET', profile())).json, { car: 'Honda', type: 'Civic' });
  });

  it('deletes with or without If-Match, refusing a stale one', async () => {
    await call('PUT', profile(), { json: { v: 1 }, headers: CREATE });
    const etag = (await call('GET', profile())).headers.get('etag')!;
    assert.equal((await call('DELETE', profile(), { headers: { 'If-Match': '"0"' } })).status, 412);
    assert.equal((await call('GET', profile())).status, 200);
    assert.equal((await call('DELETE', profile(), { headers: { 'If-Match': etag } })).status, 204);
    assert.equal((await call('GET', profile())).status, 404);
    assert.equal((await call('DELETE', profile())).status, 204);
  });

  it('lists the profile ids of an Activity, filtered by since', async () => {
    await call('POST', profile({ profileId: 'a' }), { json: {} });
    await call('POST', { activityId: `${ACTIVITY}&other`, profileId: 'elsewhere' }, { json: {} });
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await call('POST', profile({ profileId: 'b' }), { json: {} });

    assert.deepEqual((await call('GET', { activityId: ACTIVITY })).json, ['a', 'b']);
    assert.deepEqual((await call('GET', { activityId: ACTIVITY, since })).json, ['b']);
    const head = await call('HEAD', { activityId: ACTIVITY });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  describe('parameters', () => {
    const rejections: [string, string, Record<string, string>][] = [
      ['PUT', 'without activityId', { profileId: 'settings' }],
      ['POST', 'without activityId', { profileId: 'settings' }],
      ['GET', 'without activityId', { profileId: 'settings' }],
      ['DELETE', 'without activityId', { profileId: 'settings' }],
      ['GET', 'with an activityId that is not an IRI', profile({ activityId: 'settings' })],
      ['PUT', 'without profileId', { activityId: ACTIVITY }],
      ['POST', 'without profileId', { activityId: ACTIVITY }],
      ['DELETE', 'without profileId', { activityId: ACTIVITY }],
      ['GET', 'with a since that is not a timestamp', { activityId: ACTIVITY, since: 'true' }],
      ['GET', 'with agent, which this resource does not take', profile({ agent: JSON.stringify({ mbox: 'mailto:a@example.org' }) })],
      ['PUT', 'with since', profile({ since: '2020-01-01T00:00:00Z' })],
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
    assert.equal((await other.request('GET', '/activities/profile', { params: profile() })).status, 404);
    assert.deepEqual((await other.request('GET', '/activities/profile', { params: { activityId: ACTIVITY } })).json, []);
    assert.equal((await other.request('PUT', '/activities/profile', { params: profile(), json: { platform: 'B' }, headers: CREATE })).status, 204);
    assert.deepEqual((await call('GET', profile())).json, { platform: 'A' });
  });

  it('needs the profile scope: 403 for credentials without it', async () => {
    const stateOnly = await createLrsClient(app, lrs.platformId, ['state', 'statements/write']);
    assert.equal((await stateOnly.request('GET', '/activities/profile', { params: profile() })).status, 403);
    assert.equal((await stateOnly.request('POST', '/activities/profile', { params: profile(), json: {} })).status, 403);
    const profileScope = await createLrsClient(app, lrs.platformId, ['profile']);
    assert.equal((await profileScope.request('POST', '/activities/profile', { params: profile(), json: {} })).status, 204);
  });
});
