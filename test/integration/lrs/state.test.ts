import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import type { TestApp } from '../../support/test-app.js';
import { addLrsPlatform, createLrsClient, useLrsApp, type LrsClient, type LrsRequestOptions } from '../../support/lrs-client.js';

const ACTIVITY = 'https://moodle.example/mod/scorm/view.php?id=12';
const LEARNER = { objectType: 'Agent', account: { homePage: 'https://moodle.example', name: 's1' } };
const OTHER = { objectType: 'Agent', account: { homePage: 'https://moodle.example', name: 's2' } };

function stateParams(extra: Record<string, string> = {}, agent: object = LEARNER): Record<string, string> {
  return { activityId: ACTIVITY, agent: JSON.stringify(agent), stateId: 'bookmark', ...extra };
}
const sha1 = (s: string | Buffer) => crypto.createHash('sha1').update(s).digest('hex');

describe('xAPI State resource (/activities/state)', () => {
  let app: TestApp;
  let lrs: LrsClient;
  useLrsApp((fixture) => ({ app, lrs } = fixture));

  const state = (method: string, params: Record<string, string>, options: LrsRequestOptions = {}) =>
    lrs.request(method, '/activities/state', { params, ...options });

  it('stores a PUT document as sent and returns it with its Content-Type, a quoted SHA-1 ETag and Last-Modified', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const put = await state('PUT', stateParams(), { body: bytes, contentType: 'application/octet-stream' });
    assert.equal(put.status, 204, put.text);

    const got = await fetchBytes(app.url, lrs, stateParams());
    assert.equal(got.status, 200);
    assert.equal(got.headers.get('content-type'), 'application/octet-stream');
    assert.deepEqual(got.body, bytes);
    assert.equal(got.headers.get('etag'), `"${sha1(bytes)}"`);
    const lastModified = Date.parse(got.headers.get('last-modified')!);
    assert.ok(Math.abs(lastModified - Date.now()) < 5_000, got.headers.get('last-modified')!);
  });

  it('serves a stored HTML document sandboxed, as a download, never as a page of Amphi', async () => {
    await state('PUT', stateParams(), { body: '<script>alert(1)</script>', contentType: 'text/html' });
    const got = await state('GET', stateParams());
    assert.equal(got.status, 200);
    assert.match(got.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.equal(got.headers.get('content-disposition'), 'attachment');
  });

  it('keeps the Content-Type header exactly as sent, parameters included', async () => {
    await state('PUT', stateParams(), { body: '<p>hé</p>', contentType: 'text/html; charset=ISO-8859-1' });
    const got = await state('GET', stateParams());
    assert.equal(got.headers.get('content-type'), 'text/html; charset=ISO-8859-1');
  });

  it('replaces the document on PUT without concurrency headers (1.0.3 allows it for State)', async () => {
    await state('PUT', stateParams(), { json: { page: 1, score: 3 } });
    const again = await state('PUT', stateParams(), { json: { page: 2 } });
    assert.equal(again.status, 204, again.text);
    assert.deepEqual((await state('GET', stateParams())).json, { page: 2 });
  });

  it('merges a POSTed JSON object into the stored one, replacing whole top-level properties', async () => {
    await state('POST', stateParams(), { json: { car: { make: 'Ford', model: 'Escape' }, driver: 'Dale', x: 'foo', y: 'bar' } });
    const merged = await state('POST', stateParams(), { json: { car: { make: 'Dodge' }, x: 'bash', z: 'faz' } });
    assert.equal(merged.status, 204, merged.text);
    const got = await state('GET', stateParams());
    assert.deepEqual(got.json, { car: { make: 'Dodge' }, driver: 'Dale', x: 'bash', y: 'bar', z: 'faz' });
    assert.equal(got.headers.get('etag'), `"${sha1(got.text)}"`);
  });

  it('refuses a POST merge unless both documents are JSON objects, and leaves the stored one unchanged', async () => {
    await state('POST', stateParams(), { json: { a: 1 } });
    const cases: LrsRequestOptions[] = [
      { body: 'abcdefg', contentType: 'application/octet-stream' },
      { body: '{"b": 2', contentType: 'application/json' },
      { body: '[1, 2]', contentType: 'application/json' },
      { body: '"text"', contentType: 'application/json' },
    ];
    for (const options of cases) {
      const refused = await state('POST', stateParams(), options);
      assert.equal(refused.status, 400, `${options.body} → ${refused.status}`);
    }
    assert.deepEqual((await state('GET', stateParams())).json, { a: 1 });

    await state('PUT', stateParams({ stateId: 'binary' }), { body: '/ asdf / undefined', contentType: 'application/octet-stream' });
    const onBinary = await state('POST', stateParams({ stateId: 'binary' }), { json: { a: 1 } });
    assert.equal(onBinary.status, 400);
    assert.equal((await state('GET', stateParams({ stateId: 'binary' }))).text, '/ asdf / undefined');
  });

  it('stores a POST for a document it does not have as sent', async () => {
    const posted = await state('POST', stateParams(), { body: '{"n": 1}', contentType: 'application/json' });
    assert.equal(posted.status, 204, posted.text);
    assert.equal((await state('GET', stateParams())).text, '{"n": 1}');
  });

  it('loses no merge when clients POST to the same new document at once', async () => {
    const posts = Array.from({ length: 8 }, (_, i) => state('POST', stateParams(), { json: { [`k${i}`]: i } }));
    for (const res of await Promise.all(posts)) assert.equal(res.status, 204, res.text);
    assert.deepEqual((await state('GET', stateParams())).json, Object.fromEntries(Array.from({ length: 8 }, (_, i) => [`k${i}`, i])));
  });

  it('answers 404 for a document it does not have, and HEAD like GET without a body', async () => {
    assert.equal((await state('GET', stateParams({ stateId: 'missing' }))).status, 404);
    await state('PUT', stateParams(), { json: { a: 1 } });
    const head = await state('HEAD', stateParams());
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
    assert.equal(head.headers.get('etag'), `"${sha1('{"a":1}')}"`);
  });

  it('finds the same Agent whatever name or objectType comes with its identifier', async () => {
    await state('PUT', stateParams({}, { mbox: 'mailto:Ines@Example.org' }), { json: { a: 1 } });
    const got = await state('GET', stateParams({}, { objectType: 'Agent', name: 'Inès', mbox: 'mailto:ines@example.org' }));
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.json, { a: 1 });
    assert.equal((await state('GET', stateParams({}, OTHER))).status, 404);
  });

  it('keeps documents of each registration apart, registration in any case', async () => {
    const registration = crypto.randomUUID();
    await state('PUT', stateParams({ registration }), { json: { in: 'registration' } });
    await state('PUT', stateParams(), { json: { in: 'none' } });
    assert.deepEqual((await state('GET', stateParams({ registration: registration.toUpperCase() }))).json, { in: 'registration' });
    assert.deepEqual((await state('GET', stateParams())).json, { in: 'none' });
    assert.equal((await state('GET', stateParams({ registration: crypto.randomUUID() }))).status, 404);
  });

  it('lists the state ids of a context, only those changed after since, with the latest Last-Modified', async () => {
    const { stateId: _, ...context } = stateParams();
    await state('PUT', stateParams({ stateId: 'a' }), { json: {} });
    await state('PUT', stateParams({ stateId: 'b' }), { json: {} });
    await state('PUT', stateParams({ stateId: 'elsewhere' }, OTHER), { json: {} });
    await state('PUT', stateParams({ stateId: 'registered', registration: crypto.randomUUID() }), { json: {} });

    const all = await state('GET', context);
    assert.equal(all.status, 200, all.text);
    assert.deepEqual([...all.json].sort(), ['a', 'b']);
    assert.ok(all.headers.get('etag'));
    const lastModified = all.headers.get('last-modified')!;

    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await state('POST', stateParams({ stateId: 'b' }), { json: { changed: true } });
    const changed = await state('GET', { ...context, since });
    assert.deepEqual(changed.json, ['b']);
    assert.ok(Date.parse(changed.headers.get('last-modified')!) >= Date.parse(lastModified));

    const future = await state('GET', { ...context, since: '2999-01-01T00:00:00Z' });
    assert.deepEqual(future.json, []);
    assert.equal(future.headers.get('last-modified'), null);
  });

  it('deletes one document, or every document of the context when stateId is absent', async () => {
    await state('PUT', stateParams({ stateId: 'a' }), { json: {} });
    await state('PUT', stateParams({ stateId: 'b' }), { json: {} });
    await state('PUT', stateParams({ stateId: 'c' }), { json: {} });
    await state('PUT', stateParams({ stateId: 'kept' }, OTHER), { json: {} });

    assert.equal((await state('DELETE', stateParams({ stateId: 'a' }))).status, 204);
    assert.equal((await state('GET', stateParams({ stateId: 'a' }))).status, 404);
    assert.equal((await state('DELETE', stateParams({ stateId: 'never-stored' }))).status, 204);

    const { stateId: _, ...context } = stateParams();
    assert.equal((await state('DELETE', context)).status, 204);
    assert.deepEqual((await state('GET', context)).json, []);
    assert.equal((await state('GET', stateParams({ stateId: 'kept' }, OTHER))).status, 200);
  });

  it('honours If-Match and If-None-Match when a client sends them', async () => {
    await state('PUT', stateParams(), { json: { v: 1 } });
    const etag = (await state('GET', stateParams())).headers.get('etag')!;
    assert.equal((await state('PUT', stateParams(), { json: { v: 2 }, headers: { 'If-Match': '"0000"' } })).status, 412);
    assert.equal((await state('PUT', stateParams(), { json: { v: 2 }, headers: { 'If-None-Match': '*' } })).status, 412);
    assert.equal((await state('DELETE', stateParams(), { headers: { 'If-Match': '"0000"' } })).status, 412);
    assert.deepEqual((await state('GET', stateParams())).json, { v: 1 });
    assert.equal((await state('PUT', stateParams(), { json: { v: 2 }, headers: { 'If-Match': etag } })).status, 204);
    assert.deepEqual((await state('GET', stateParams())).json, { v: 2 });
  });

  it('in xAPI 2.0 refuses with 409 a PUT without concurrency headers over an existing state', async () => {
    const created = await state('PUT', stateParams(), { json: { v: 1 }, version: '2.0.0' });
    assert.equal(created.status, 204, created.text);
    const conflict = await state('PUT', stateParams(), { json: { v: 2 }, version: '2.0.0' });
    assert.equal(conflict.status, 409);
    assert.match(conflict.json.detail, /If-Match/);
    assert.deepEqual((await state('GET', stateParams())).json, { v: 1 });
  });

  describe('parameters', () => {
    const rejections: [string, string, Record<string, string>][] = [
      ['PUT', 'without activityId', omit(stateParams(), 'activityId')],
      ['GET', 'without activityId', omit(stateParams(), 'activityId')],
      ['DELETE', 'without activityId', omit(stateParams(), 'activityId')],
      ['POST', 'with an activityId that is not an IRI', stateParams({ activityId: 'not an iri' })],
      ['PUT', 'without agent', omit(stateParams(), 'agent')],
      ['GET', 'without agent', omit(stateParams(), 'agent')],
      ['DELETE', 'without agent', omit(stateParams(), 'agent')],
      ['POST', 'with an agent that is not JSON', stateParams({ agent: 'not JSON' })],
      ['GET', 'with an agent that is JSON but no Agent', stateParams({ agent: 'true' })],
      ['PUT', 'with an agent without identifier', stateParams({ agent: JSON.stringify({ objectType: 'Agent', name: 'x' }) })],
      ['PUT', 'with an anonymous Group as agent', stateParams({ agent: JSON.stringify({ objectType: 'Group', member: [LEARNER] }) })],
      ['PUT', 'with a registration that is not a UUID', stateParams({ registration: 'true' })],
      ['GET', 'with a registration that is not a UUID', stateParams({ registration: 'true' })],
      ['DELETE', 'with a registration that is not a UUID', stateParams({ registration: 'true' })],
      ['PUT', 'without stateId', omit(stateParams(), 'stateId')],
      ['POST', 'without stateId', omit(stateParams(), 'stateId')],
      ['PUT', 'with an empty stateId', stateParams({ stateId: '' })],
      ['GET', 'with a since that is not a timestamp', omit(stateParams({ since: 'not a timestamp' }), 'stateId')],
      ['DELETE', 'with since', omit(stateParams({ since: '2020-01-01T00:00:00Z' }), 'stateId')],
      ['GET', 'with an unknown parameter', stateParams({ foo: 'bar' })],
      ['PUT', 'with a parameter in the wrong case', { ...omit(stateParams(), 'stateId'), StateId: 'bookmark' }],
    ];
    for (const [method, what, params] of rejections) {
      it(`refuses ${method} ${what} with 400`, async () => {
        const res = await state(method, params, method === 'PUT' || method === 'POST' ? { json: { a: 1 } } : {});
        assert.equal(res.status, 400, res.text);
        if (method !== 'GET') assert.deepEqual((await state('GET', omit(stateParams(), 'stateId'))).json, []);
      });
    }
  });

  it('keeps each platform to its own documents', async () => {
    await state('PUT', stateParams(), { json: { platform: 'A' } });
    const other = await createLrsClient(app, await addLrsPlatform(app, 'Other Moodle'));
    const params = stateParams();
    assert.equal((await other.request('GET', '/activities/state', { params })).status, 404);
    assert.deepEqual((await other.request('GET', '/activities/state', { params: omit(params, 'stateId') })).json, []);
    await other.request('DELETE', '/activities/state', { params: omit(params, 'stateId') });
    assert.deepEqual((await state('GET', params)).json, { platform: 'A' });
  });

  it('needs the state scope: 403 for credentials without it', async () => {
    const reader = await createLrsClient(app, lrs.platformId, ['statements/read', 'profile']);
    assert.equal((await reader.request('GET', '/activities/state', { params: stateParams() })).status, 403);
    assert.equal((await reader.request('PUT', '/activities/state', { params: stateParams(), json: {} })).status, 403);
    const allRead = await createLrsClient(app, lrs.platformId, ['all/read']);
    assert.equal((await allRead.request('GET', '/activities/state', { params: stateParams() })).status, 404);
    assert.equal((await allRead.request('DELETE', '/activities/state', { params: stateParams() })).status, 403);
    const stateOnly = await createLrsClient(app, lrs.platformId, ['state']);
    assert.equal((await stateOnly.request('PUT', '/activities/state', { params: stateParams(), json: {} })).status, 204);
  });
});

function omit(params: Record<string, string>, name: string): Record<string, string> {
  const { [name]: _, ...rest } = params;
  return rest;
}

/** GET returning the raw bytes (the client helper decodes text). */
async function fetchBytes(baseUrl: string, lrs: LrsClient, params: Record<string, string>) {
  const url = new URL(`${baseUrl}/xapi/activities/state`);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  const res = await fetch(url, {
    headers: { 'X-Experience-API-Version': '1.0.3', Authorization: `Basic ${Buffer.from(`${lrs.key}:${lrs.secret}`).toString('base64')}` },
  });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}
