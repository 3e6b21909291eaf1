import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { PlatformServiceError } from '../../../src/lti/services/service-error.js';
import { MEMBERSHIP_CONTAINER_MEDIA_TYPE, NRPS_SCOPE, fetchContextMembership } from '../../../src/roster/names-roles.client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

/**
 * An LMS whose memberships pages are written by each test, to check what the NRPS client does with
 * links a well-behaved platform never sends (loops, other origins) and with broken pages.
 */
class ScriptedLms {
  url = '';
  pages = new Map<string, { status?: number; link?: string; body: unknown; hold?: Promise<void> }>();
  requests: { path: string; accept: string | undefined; authorization: string | undefined }[] = [];
  /** Pages being answered now, and the most at once, in all and per path. */
  inFlight = 0;
  maxInFlight = 0;
  maxInFlightByPath = new Map<string, number>();
  private inFlightByPath = new Map<string, number>();
  tokenRequests: URLSearchParams[] = [];
  private server = http.createServer((req, res) => void this.handle(req, res));

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  get platform() {
    return { id: 'scripted', client_id: 'scripted-client', auth_token_url: `${this.url}/token`, registered_via: 'dynamic' as 'dynamic' | 'manual' };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    let body = '';
    for await (const chunk of req) body += chunk;
    if (req.url === '/token') {
      this.tokenRequests.push(new URLSearchParams(body));
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ access_token: 'scripted-token', expires_in: 3600 }));
      return;
    }
    this.requests.push({ path: req.url!, accept: req.headers.accept, authorization: req.headers.authorization });
    const page = this.pages.get(req.url!);
    if (!page) return void res.writeHead(404).end();
    const path = req.url!;
    const here = (this.inFlightByPath.get(path) ?? 0) + 1;
    this.inFlightByPath.set(path, here);
    this.maxInFlightByPath.set(path, Math.max(here, this.maxInFlightByPath.get(path) ?? 0));
    this.maxInFlight = Math.max(this.maxInFlight, ++this.inFlight);
    await page.hold;
    this.inFlight--;
    this.inFlightByPath.set(path, here - 1);
    res.writeHead(page.status ?? 200, { 'Content-Type': MEMBERSHIP_CONTAINER_MEDIA_TYPE, ...(page.link ? { Link: page.link } : {}) });
    res.end(typeof page.body === 'string' ? page.body : JSON.stringify(page.body));
  }
}

const member = (id: string) => ({ user_id: id, roles: [LEARNER], name: `Member ${id}` });

describe('NRPS client paging', () => {
  let app: TestApp;
  let lms: ScriptedLms;

  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await lms?.close();
    await app.close();
  });
  beforeEach(async () => {
    await lms?.close();
    lms = await new ScriptedLms().start();
    app.ctx.accessTokens.clear();
  });

  const fetchAll = (path = '/m') => fetchContextMembership(app.ctx, lms.platform, `${lms.url}${path}`);

  async function rejection(promise: Promise<unknown>): Promise<PlatformServiceError> {
    try {
      await promise;
    } catch (err) {
      assert.ok(err instanceof PlatformServiceError, String(err));
      return err;
    }
    assert.fail('expected the fetch to fail');
  }

  it('follows relative next links among other links, with the NRPS media type and scope', async () => {
    lms.pages.set('/m', { link: '<http://elsewhere.example/x>; rel="differences", <m?p=2>; rel="next"', body: { members: [member('1'), member('2')] } });
    lms.pages.set('/m?p=2', { link: `<${'/m?p=3'}>; rel=next`, body: { members: [member('3')] } });
    lms.pages.set('/m?p=3', { body: { id: 'x', members: [member('4'), member('2')] } });
    const result = await fetchAll();
    assert.deepEqual(result.members.map((m) => m.user_id).sort(), ['1', '2', '3', '4'], 'a member repeated across pages is kept once');
    assert.equal(result.pages, 3);
    assert.deepEqual(lms.requests.map((r) => r.path), ['/m', '/m?p=2', '/m?p=3']);
    for (const r of lms.requests) {
      assert.equal(r.accept, MEMBERSHIP_CONTAINER_MEDIA_TYPE);
      assert.equal(r.authorization, 'Bearer scripted-token');
    }
    assert.equal(lms.tokenRequests.length, 1, 'one token for all pages');
    assert.equal(lms.tokenRequests[0]!.get('scope'), NRPS_SCOPE);
  });

  it('stops when a next link points back to a page already read', async () => {
    lms.pages.set('/m', { link: '</m?p=2>; rel="next"', body: { members: [member('1')] } });
    lms.pages.set('/m?p=2', { link: '</m>; rel="next"', body: { members: [member('2')] } });
    const err = await rejection(fetchAll());
    assert.match(err.params.reason as string, /already read/);
    assert.equal(lms.requests.length, 2);
  });

  it('stops after the page limit when every page names a new next page', async () => {
    for (let i = 0; i < 5; i++) lms.pages.set(`/m?p=${i}`, { link: `</m?p=${i + 1}>; rel="next"`, body: { members: [member(String(i))] } });
    const err = await rejection(fetchContextMembership(app.ctx, lms.platform, `${lms.url}/m?p=0`, { maxPages: 3 }));
    assert.match(err.params.reason as string, /more than 3 pages/);
    assert.equal(lms.requests.length, 3);
  });

  it('never sends the token to a next link on another origin', async () => {
    const other = await new ScriptedLms().start();
    try {
      other.pages.set('/steal', { body: { members: [] } });
      lms.pages.set('/m', { link: `<${other.url}/steal>; rel="next"`, body: { members: [member('1')] } });
      const err = await rejection(fetchAll());
      assert.match(err.params.reason as string, /leaves the platform/);
      assert.equal(other.requests.length, 0);
    } finally {
      await other.close();
    }
  });

  it('fails on a page that is not a membership container, naming the page', async () => {
    lms.pages.set('/m', { link: '</m?p=2>; rel="next"', body: { members: [member('1')] } });
    lms.pages.set('/m?p=2', { body: '<html>Maintenance</html>' });
    assert.match((await rejection(fetchAll())).params.reason as string, /page 2 is not JSON/);
    lms.pages.set('/m?p=2', { body: { users: [] } });
    assert.match((await rejection(fetchAll())).params.reason as string, /page 2 is not a membership container/);
  });

  it('keeps the readable members and reports the others; fails when none could be read', async () => {
    lms.pages.set('/m', { link: '</m?p=2>; rel="next"', body: { members: [member('1'), { name: 'no id', roles: [] }] } });
    lms.pages.set('/m?p=2', { body: { members: [{ user_id: '3', roles: 'Learner' }, member('4')] } });
    const result = await fetchAll();
    assert.deepEqual(result.members.map((m) => m.user_id), ['1', '4']);
    assert.deepEqual(result.skipped.map((s) => [s.index, s.userId]), [[1, undefined], [2, '3']]);

    lms.pages.set('/bad', { body: { members: [{ name: 'no id' }] } });
    assert.match((await rejection(fetchAll('/bad'))).params.reason as string, /no member could be read/);
  });

  // A platform's administrator signs launches whose NRPS URL is their own server: what Amphi reads
  // and holds for one roster is bounded as a whole, not per page.
  it('stops at the byte budget of the whole roster, counted across pages', async () => {
    const filler = 'x'.repeat(3000);
    for (let i = 0; i < 10; i++) lms.pages.set(`/m?p=${i}`, { link: `</m?p=${i + 1}>; rel="next"`, body: { members: [{ ...member(String(i)), name: filler }] } });
    const err = await rejection(fetchContextMembership(app.ctx, lms.platform, `${lms.url}/m?p=0`, { maxBytes: 10_000 }));
    assert.match(err.params.reason as string, /^the roster is larger than 10000 bytes/);
    assert.equal(err.retryable, false);
    assert.equal(lms.requests.length, 4, 'three pages fit, the fourth passes the budget');
  });

  it('stops at the member budget of the whole roster', async () => {
    for (let i = 0; i < 10; i++) lms.pages.set(`/m?p=${i}`, { link: `</m?p=${i + 1}>; rel="next"`, body: { members: [member(`${i}a`), member(`${i}b`), { name: 'no id' }] } });
    const err = await rejection(fetchContextMembership(app.ctx, lms.platform, `${lms.url}/m?p=0`, { maxMembers: 7 }));
    assert.match(err.params.reason as string, /^the roster has more than 7 members/);
    assert.equal(lms.requests.length, 3);
  });

  it('gives a self-registered platform a smaller roster budget than one the operator added', async () => {
    const many = Array.from({ length: 50_001 }, (_, i) => ({ user_id: String(i), roles: [] }));
    lms.pages.set('/m', { body: { members: many } });
    const err = await rejection(fetchAll());
    assert.match(err.params.reason as string, /^the roster has more than 50000 members/);
    const operatorAdded = { ...lms.platform, id: 'scripted-manual', registered_via: 'manual' as const };
    assert.equal((await fetchContextMembership(app.ctx, operatorAdded, `${lms.url}/m`)).members.length, 50_001);
  });

  it('fetches at most 2 rosters of one platform and 4 in all at once; a platform with too many waiting is told to try later', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    for (const path of ['/a', '/b', '/c']) lms.pages.set(path, { body: { members: [member('1')] }, hold: gate });
    const [a, b, c] = ['a', 'b', 'c'].map((id) => ({ ...lms.platform, id: `scripted-${id}` }));
    const fetchOf = (platform: typeof a, times: number) => Array.from({ length: times }, () => fetchContextMembership(app.ctx, platform!, `${lms.url}/${platform!.id.slice(-1)}`));
    // Platform a asks first, and most: it gets its share, not every slot.
    const fetches = [...fetchOf(a, 3), ...fetchOf(b, 2), ...fetchOf(c, 2)];
    // Fill platform a's waiting line: one more is refused at once, and reaches nothing.
    const waiting = fetchOf(a, 19);
    const refused = await rejection(fetchOf(a, 1)[0]!);
    assert.match(refused.params.reason as string, /too many roster fetches under way for this platform/);
    assert.equal(refused.retryable, true);
    while (lms.inFlight < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    release();
    const results = await Promise.all([...fetches, ...waiting]);
    assert.equal(results.length, 26);
    assert.equal(lms.maxInFlight, 4, 'never more than 4 pages asked at once');
    assert.equal(lms.maxInFlightByPath.get('/a'), 2, 'never more than 2 of one platform');
    assert.ok([...lms.maxInFlightByPath.values()].every((n) => n <= 2), 'never more than 2 of one platform');
    assert.equal(lms.requests.length, 26);
  });

  it('reports an HTTP failure with its status and whether a retry may help, never with the body', async () => {
    lms.pages.set('/m', { status: 503, body: 'down for maintenance' });
    const unavailable = await rejection(fetchAll());
    assert.equal(unavailable.httpStatus, 503);
    assert.equal(unavailable.retryable, true);
    assert.equal(unavailable.params.reason, 'HTTP 503 Service Unavailable', 'the status and its name, not what the platform answered');
    assert.equal(unavailable.detail, 'down for maintenance', 'which goes to the logs only');
    lms.pages.set('/m', { status: 403, body: { error: 'not allowed' } });
    const refused = await rejection(fetchAll());
    assert.equal(refused.httpStatus, 403);
    assert.equal(refused.retryable, false);
  });
});
