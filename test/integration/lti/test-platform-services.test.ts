import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { beforeEach, describe, it } from 'node:test';
import { SignJWT, generateKeyPair } from 'jose';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { SCOPE } from '../../support/platform-services.js';
import { ROLE, type LaunchSpec } from '../../support/test-platform.js';

const AGS_CLAIM = 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint';
const NRPS_CLAIM = 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const LINE_ITEM = 'application/vnd.ims.lis.v2.lineitem+json';
const CONTAINER = 'application/vnd.ims.lis.v2.lineitemcontainer+json';
const SCORE = 'application/vnd.ims.lis.v1.score+json';
const MEMBERSHIPS = 'application/vnd.ims.lti-nrps.v2.membershipcontainer+json';
const TARGET = 'http://tool.example/lti/launch';

/** The simulated Moodle's own rules, driven directly with assertions signed by the tool's key. */
describe('test platform: Moodle LTI Advantage services', () => {
  const t = useRegisteredPlatform();
  beforeEach(() => t.platform.resetServices());

  async function assertion(overrides: { aud?: string; jti?: string; key?: { kid: string; key: CryptoKey } } = {}) {
    const signing = overrides.key ?? (await t.app.ctx.toolKeys.get());
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS256', kid: signing.kid })
      .setIssuer(t.platform.clientId)
      .setSubject(t.platform.clientId)
      .setAudience(overrides.aud ?? t.platform.authTokenUrl)
      .setIssuedAt(now)
      .setExpirationTime(now + 300)
      .setJti(overrides.jti ?? crypto.randomUUID())
      .sign(signing.key);
  }

  async function requestToken(scopes: string[], form: Record<string, string> = {}) {
    const body = new URLSearchParams({
      grant_type: 'client_credentials',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: await assertion(),
      scope: scopes.join(' '),
      ...form,
    });
    const response = await fetch(t.platform.authTokenUrl, { method: 'POST', body });
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  }

  async function token(scopes: string[] = Object.values(SCOPE)): Promise<string> {
    return (await requestToken(scopes)).body.access_token;
  }

  const call = (url: string, bearer: string | undefined, init: RequestInit & { type?: string; accept?: string } = {}) =>
    fetch(url, {
      ...init,
      headers: { ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}), ...(init.type ? { 'Content-Type': init.type } : {}), Accept: init.accept ?? '' },
    });

  /** A learner's launch in course 42, resource link 17: enrols the learner, makes the course and activity known. */
  const launchClaims = (spec: LaunchSpec = {}) => t.platform.claimsFor({ sub: 'student-1', roles: [ROLE.learner], ...spec }, 'n', TARGET);

  it('issues tokens only for a fresh single-use assertion signed by the tool, with the permitted scopes', async () => {
    const ok = await requestToken([SCOPE.score, 'https://example.org/unknown-scope']);
    assert.equal(ok.status, 200);
    assert.deepEqual({ ...ok.body, access_token: typeof ok.body.access_token }, { access_token: 'string', token_type: 'Bearer', expires_in: 3600, scope: SCOPE.score });
    const jti = crypto.randomUUID();
    assert.equal((await requestToken([SCOPE.score], { client_assertion: await assertion({ jti }) })).status, 200);
    const replay = await requestToken([SCOPE.score], { client_assertion: await assertion({ jti }) });
    assert.deepEqual([replay.status, replay.body.error], [400, 'invalid_client']);
    assert.match(replay.body.error_description, /jti/);
    assert.equal((await requestToken([SCOPE.score], { client_assertion: await assertion({ aud: 'https://elsewhere.example/token' }) })).body.error, 'invalid_client');
    const { privateKey } = await generateKeyPair('RS256');
    const foreign = await assertion({ key: { kid: (await t.app.ctx.toolKeys.get()).kid, key: privateKey } });
    assert.equal((await requestToken([SCOPE.score], { client_assertion: foreign })).body.error, 'invalid_client');
    assert.equal((await requestToken(['https://example.org/unknown-scope'])).body.error, 'invalid_scope');
    assert.equal((await requestToken([SCOPE.score], { grant_type: 'password' })).body.error, 'unsupported_grant_type');
    assert.equal(t.platform.tokenRequests, 7);
  });

  it('puts the AGS and NRPS claims in launches and checks the token and its scope on every service', async () => {
    const claims = launchClaims();
    const lineItems = `${t.platform.url}/mod/lti/services.php/42/lineitems?type_id=1`;
    assert.deepEqual(claims[AGS_CLAIM], { scope: [SCOPE.lineItem, SCOPE.lineItemReadonly, SCOPE.resultReadonly, SCOPE.score], lineitems: lineItems });
    assert.equal((claims[NRPS_CLAIM] as any).context_memberships_url, `${t.platform.url}/mod/lti/services.php/CourseSection/42/bindings/1/memberships`);
    const bare = launchClaims({ ags: null, nrps: false });
    assert.deepEqual([bare[AGS_CLAIM], bare[NRPS_CLAIM]], [undefined, undefined]);

    assert.equal((await call(lineItems, undefined, { accept: CONTAINER })).status, 401);
    const scoreOnly = await call(lineItems, await token([SCOPE.score]), { accept: CONTAINER });
    assert.equal(scoreOnly.status, 401);
    assert.match(((await scoreOnly.json()) as { reason: string }).reason, /lacks the scope/);
    const reader = await token([SCOPE.lineItemReadonly]);
    const listed = await call(lineItems, reader, { accept: CONTAINER });
    assert.equal(listed.status, 200);
    assert.equal(listed.headers.get('content-type'), `${CONTAINER}; charset=utf-8`);
    t.platform.expireAccessTokens();
    assert.equal((await call(lineItems, reader, { accept: CONTAINER })).status, 401);
  });

  it('creates line items with Moodle\'s rules, filters and pages them, and launches the activity with its line item', async () => {
    launchClaims();
    const bearer = await token();
    const lineItems = `${t.platform.url}/mod/lti/services.php/42/lineitems?type_id=1`;
    const post = (body: unknown, type = LINE_ITEM) => call(lineItems, bearer, { method: 'POST', type, body: JSON.stringify(body) });
    assert.equal((await post({ label: 'Quiz', scoreMaximum: 10 }, 'application/json')).status, 400, 'wrong media type: no handler');
    assert.equal((await post({ scoreMaximum: 10 })).status, 400);
    assert.equal((await post({ label: 'Quiz', scoreMaximum: 0 })).status, 400);
    assert.equal((await post({ label: 'Quiz', scoreMaximum: 10, resourceLinkId: 'not-an-activity' })).status, 403);
    const created = await post({ label: 'Quiz', scoreMaximum: 10, resourceLinkId: '17', tag: 'quiz' });
    assert.equal(created.status, 201);
    const item = (await created.json()) as { id: string; resourceLinkId: string };
    assert.match(item.id, /\/mod\/lti\/services\.php\/42\/lineitems\/\d+\/lineitem\?type_id=1$/);
    for (const label of ['Essay', 'Exam']) assert.equal((await post({ label, scoreMaximum: 20 })).status, 201);

    assert.equal((await call(lineItems, bearer, { accept: '*/*' })).status, 400, 'Moodle wants the container media type or none');
    const first = await call(`${lineItems}&limit=2`, bearer, { accept: CONTAINER });
    assert.deepEqual(((await first.json()) as { label: string }[]).map((i) => i.label), ['Quiz', 'Essay']);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get('link') ?? '')?.[1];
    assert.ok(next);
    const second = await call(next, bearer, { accept: CONTAINER });
    assert.deepEqual(((await second.json()) as { label: string }[]).map((i) => i.label), ['Exam']);
    assert.equal(second.headers.get('link'), null);
    const filtered = await call(`${lineItems}&resource_link_id=17`, bearer, { accept: CONTAINER });
    assert.deepEqual(((await filtered.json()) as { id: string }[]).map((i) => i.id), [item.id]);
    assert.equal((launchClaims()[AGS_CLAIM] as { lineitem?: string }).lineitem, item.id);
  });

  it('validates scores like Moodle, keeps the newest grade and shows it as a result', async () => {
    launchClaims();
    t.platform.setMembers('42', [
      { user_id: 'student-1', roles: [ROLE.learner] },
      { user_id: 'teacher-1', roles: [ROLE.instructor] },
    ]);
    const bearer = await token();
    const lineItems = `${t.platform.url}/mod/lti/services.php/42/lineitems?type_id=1`;
    const created = await call(lineItems, bearer, { method: 'POST', type: LINE_ITEM, body: JSON.stringify({ label: 'Quiz', scoreMaximum: 20 }) });
    const itemUrl = ((await created.json()) as { id: string }).id;
    const scoresUrl = itemUrl.replace('/lineitem?', '/lineitem/scores?');
    const score = {
      userId: 'student-1',
      scoreGiven: 8,
      scoreMaximum: 10,
      comment: 'Good',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
      timestamp: '2030-01-01T10:00:00.000Z',
    };
    const send = (body: Record<string, unknown>, url = scoresUrl) => call(url, bearer, { method: 'POST', type: SCORE, body: JSON.stringify({ ...score, ...body }) });
    const reason = async (response: Response) => `${response.status} ${((await response.json()) as { reason: string }).reason}`;

    assert.equal((await send({})).status, 200);
    assert.equal(t.platform.gradeOf(itemUrl, 'student-1')?.scoreGiven, 8);
    assert.match(await reason(await send({ comment: undefined })), /^400 .*comment is missing/);
    assert.match(await reason(await send({ activityProgress: 'Done' })), /^400 .*activityProgress/);
    assert.match(await reason(await send({ timestamp: 'yesterday' })), /^400 .*timestamp/);
    assert.match(await reason(await send({ userId: 'stranger' })), /^400 .*not enrolled/);
    assert.match(await reason(await send({ userId: 'teacher-1' })), /^400 .*student/);
    assert.match(await reason(await send({ scoreGiven: 2, timestamp: '2029-12-31T10:00:00Z' })), /^409 Refusing score with an earlier timestamp/);
    assert.equal((await send({}, itemUrl + '/scores')).status, 400, '/scores after the query string');
    assert.equal((await send({}, scoresUrl.replace(/\?.*$/, ''))).status, 404, 'query string dropped');
    assert.equal(t.platform.receivedScores.length, 1);
    assert.equal(t.platform.receivedScores[0]!.lineItemUrl, itemUrl);

    const resultsUrl = itemUrl.replace('/lineitem?', '/lineitem/results?');
    const results = await call(resultsUrl, await token([SCOPE.resultReadonly]), { accept: 'application/vnd.ims.lis.v2.resultcontainer+json' });
    assert.equal(results.status, 200);
    const result = { scoreOf: itemUrl, userId: 'student-1', resultScore: 16, resultMaximum: 20, comment: 'Good', timestamp: score.timestamp };
    assert.deepEqual(await results.json(), [{ id: `${itemUrl.replace(/\?.*$/, '')}/results?type_id=1&user_id=student-1`, ...result }]);
  });

  it('pages the roster with Link headers, members recorded from launches included', async () => {
    launchClaims({ sub: 'teacher-9', roles: [ROLE.instructor], name: 'Ada Teacher' });
    const url = (launchClaims()[NRPS_CLAIM] as { context_memberships_url: string }).context_memberships_url;
    for (let i = 0; i < 3; i++) launchClaims({ sub: `student-${i + 2}` });
    t.platform.nrpsPageSize = 2;
    const bearer = await token([SCOPE.contextMembership]);
    const ids: string[] = [];
    for (let next: string | undefined = url; next; ) {
      const page = await call(next, bearer, { accept: MEMBERSHIPS });
      assert.equal(page.headers.get('content-type'), `${MEMBERSHIPS}; charset=utf-8`);
      const body = (await page.json()) as { context: { id: string }; members: { user_id: string }[] };
      assert.equal(body.context.id, '42');
      ids.push(...body.members.map((m) => m.user_id));
      next = /<([^>]+)>; rel="next"/.exec(page.headers.get('link') ?? '')?.[1];
    }
    assert.deepEqual(ids, ['teacher-9', 'student-1', 'student-2', 'student-3', 'student-4']);
    assert.equal(t.platform.membershipPagesServed, 3);
    const teachers = (await (await call(`${url}?role=Instructor`, bearer, { accept: MEMBERSHIPS })).json()) as { members: { name: string }[] };
    assert.deepEqual(teachers.members.map((m) => m.name), ['Ada Teacher']);
  });

  it('injects failures, dropped connections and outages, counting every request', async () => {
    launchClaims();
    const url = (launchClaims()[NRPS_CLAIM] as { context_memberships_url: string }).context_memberships_url;
    const bearer = await token([SCOPE.contextMembership]);
    t.platform.failNext('memberships', [503, 'drop']);
    const unavailable = await call(url, bearer, { accept: MEMBERSHIPS });
    assert.deepEqual([unavailable.status, unavailable.headers.get('retry-after')], [503, '1']);
    await assert.rejects(call(url, bearer, { accept: MEMBERSHIPS }));
    assert.equal((await call(url, bearer, { accept: MEMBERSHIPS })).status, 200);
    t.platform.down = true;
    try {
      await assert.rejects(requestToken([SCOPE.score]));
    } finally {
      t.platform.down = false;
    }
    assert.deepEqual([t.platform.requestCounts.memberships, t.platform.requestCounts.token], [3, 2]);
  });

  it('turns a deep-linking answer into activities that launch with their line item, and refuses replays and changed data', async () => {
    const request = launchClaims({ messageType: 'LtiDeepLinkingRequest', sub: 'teacher-1', roles: [ROLE.instructor] });
    const settings = request[`${DL}deep_linking_settings`] as Record<string, string>;
    assert.match(settings.deep_link_return_url!, /\/mod\/lti\/contentitem_return\.php\?course=42&id=1&sesskey=\w+$/);
    const signing = await t.app.ctx.toolKeys.get();
    const answer = (claims: Record<string, unknown>) =>
      new SignJWT({
        [`${LTI}message_type`]: 'LtiDeepLinkingResponse',
        [`${LTI}version`]: '1.3.0',
        [`${LTI}deployment_id`]: t.platform.deploymentId,
        [`${DL}data`]: settings.data,
        [`${DL}content_items`]: [{ type: 'ltiResourceLink', title: 'Quiz 1', custom: { quiz: 'q1' }, lineItem: { scoreMaximum: 20, tag: 'quiz' } }],
        ...claims,
      })
        .setProtectedHeader({ alg: 'RS256', kid: signing.kid })
        .setIssuer(t.platform.clientId)
        .setAudience(t.platform.issuer)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(signing.key);
    const post = async (jwt: string) => fetch(settings.deep_link_return_url!, { method: 'POST', body: new URLSearchParams({ JWT: jwt }) });

    const jwt = await answer({ nonce: 'once' });
    const page = await post(jwt);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<li data-testid="added-activity">Quiz 1<\/li>/);
    const [activity] = t.platform.activities('42');
    assert.ok(activity?.lineItemUrl);
    const launch = t.platform.claimsFor(t.platform.launchSpecForActivity(activity), 'n', TARGET);
    assert.equal((launch[`${LTI}resource_link`] as { id: string }).id, activity.resourceLinkId);
    assert.deepEqual(launch[`${LTI}custom`], { quiz: 'q1' });
    assert.equal((launch[AGS_CLAIM] as { lineitem: string }).lineitem, activity.lineItemUrl);

    assert.match(await (await post(jwt)).text(), /nonce already used/);
    assert.match(await (await post(await answer({ nonce: 'other', [`${DL}data`]: 'changed' }))).text(), /data/);
    assert.equal(t.platform.deepLinkResponses.length, 1);
  });
});
