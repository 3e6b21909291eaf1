import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { launchPage } from '../../support/api-client.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';

const DL_SETTINGS = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

function deepLinking(settings: Record<string, unknown> = {}, extra: Partial<LaunchSpec> = {}): LaunchSpec {
  return {
    messageType: 'LtiDeepLinkingRequest',
    roles: [ROLE.instructor],
    sub: 'teacher-1',
    name: 'Claire Martin',
    tamper: (p) => Object.assign(p[DL_SETTINGS] as object, settings),
    ...extra,
  };
}

describe('deep linking: picker API and the signed response', () => {
  const t = useRegisteredPlatform();

  async function verify(jwt: string) {
    const jwks = createLocalJWKSet(await (await fetch(`${t.app.url}/.well-known/jwks.json`)).json());
    return (await jwtVerify(jwt, jwks, { issuer: t.platform.clientId, audience: t.platform.issuer, algorithms: ['RS256'] })).payload;
  }

  it('tells the picker what the platform accepts', async () => {
    const page = await launchPage(t.platform, t.app.url, deepLinking({ accept_multiple: false, accept_presentation_document_targets: ['window'], auto_create: true }));
    assert.deepEqual(page.session.route, {
      name: 'deep-linking',
      options: { acceptMultiple: false, acceptLineItem: true, editor: false, selectedResourceIds: [], autoCreate: true, documentTargets: ['window'], acceptsResourceLinks: true, title: null, text: null },
    });
  });

  it('from Moodle’s text editor (local_amphi): no grading, whatever the platform accepts, and the reopened placeholder’s resource chosen', async () => {
    const course = await launchPage(t.platform, t.app.url, deepLinking());
    const graded = await course.api('POST', '/api/resources', { kind: 'video', title: 'Dans un texte', gradable: true, scoreMaximum: 20 });
    const editor = await launchPage(t.platform, t.app.url, deepLinking({}, { custom: { amphi_placement: 'RichTextEditor', amphi_selected: `${graded.body.id},../x,` } }));
    const options = editor.session.route.options;
    assert.deepEqual([options.editor, options.acceptLineItem, options.selectedResourceIds], [true, false, [graded.body.id]], 'malformed ids dropped');
    const answer = await editor.api('POST', '/api/deep-linking/response', { items: [{ resourceId: graded.body.id }] });
    const [item] = (await verify(answer.body.jwt))[`${DL}content_items`] as any[];
    assert.equal(item.lineItem, undefined, 'content in a text has no gradebook column');
    assert.equal(item.custom.amphi_resource_id, graded.body.id);
    assert.deepEqual(item.iframe, { width: 800, height: 580 }, 'a frame for a course page’s column, not a full-width activity');
  });

  it('creates resources and answers with a signed LtiDeepLinkingResponse carrying every item, line item and data', async () => {
    const page = await launchPage(t.platform, t.app.url, deepLinking({ data: 'moodle-opaque-42' }));
    const video = await page.api('POST', '/api/resources', { kind: 'video', title: 'Cours 1 : les lois de probabilité', description: 'Amphi du lundi', gradable: true, scoreMaximum: 20 });
    assert.equal(video.status, 201);
    assert.equal(video.body.kind, 'video');
    assert.deepEqual(video.body.settings, { allowDownload: false });
    assert.equal(video.body.course.current, true);
    const room = await page.api('POST', '/api/resources', { kind: 'classroom', title: 'Permanence', settings: { welcomeMessage: 'Bienvenue' } });
    assert.equal(room.status, 201);

    const answer = await page.api('POST', '/api/deep-linking/response', {
      items: [{ resourceId: video.body.id }, { resourceId: room.body.id, documentTarget: 'window' }],
      data: 'forged by the page',
    });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(answer.body.returnUrl.startsWith(`${t.platform.url}/mod/lti/contentitem_return.php?`), 'the deep_link_return_url of the request, query kept');
    const claims = await verify(answer.body.jwt);
    assert.equal(claims[`${LTI}message_type`], 'LtiDeepLinkingResponse');
    assert.equal(claims[`${LTI}version`], '1.3.0');
    assert.equal(claims[`${LTI}deployment_id`], t.platform.deploymentId);
    assert.equal(claims[`${DL}data`], 'moodle-opaque-42', 'data comes back as the platform sent it, whatever the page says');
    assert.ok(typeof claims.nonce === 'string' && claims.nonce.length > 0);
    assert.ok(claims.exp! - claims.iat! <= 600);
    const items = claims[`${DL}content_items`] as Record<string, any>[];
    assert.equal(items.length, 2);
    assert.deepEqual(items[0], {
      type: 'ltiResourceLink',
      title: 'Cours 1 : les lois de probabilité',
      text: 'Amphi du lundi',
      url: `${t.app.url}/lti/launch`,
      custom: { amphi_resource_id: video.body.id },
      iframe: { width: 1280, height: 800 },
      lineItem: { scoreMaximum: 20, label: 'Cours 1 : les lois de probabilité', resourceId: video.body.id, tag: 'amphi-video' },
    });
    assert.equal(items[1]!.window.targetName, `amphi-${room.body.id}`);
    assert.equal(items[1]!.lineItem, undefined, 'an ungraded resource has no gradebook column');
  });

  it('round trip: the platform accepts the response, makes graded activities, and launching one opens the resource', async () => {
    const page = await launchPage(t.platform, t.app.url, deepLinking({}, { context: { id: '77', title: 'Physique' } }));
    const video = await page.api('POST', '/api/resources', { kind: 'video', title: 'Optique', gradable: true, scoreMaximum: 20 });
    const board = await page.api('POST', '/api/resources', { kind: 'dashboard', title: 'Suivi' });
    const answer = await page.api('POST', '/api/deep-linking/response', { items: [{ resourceId: video.body.id }, { resourceId: board.body.id }] });
    const returned = await fetch(answer.body.returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: answer.body.jwt }) });
    const html = await returned.text();
    assert.equal(returned.status, 200, html);
    assert.match(html, /data-testid="added-activity"[^>]*>Optique</);
    const activities = t.platform.activities('77');
    assert.deepEqual(activities.map((a) => a.title), ['Optique', 'Suivi']);
    assert.ok(activities[0]!.lineItemUrl, 'the graded video got a gradebook column');
    assert.equal(activities[1]!.lineItemUrl, undefined);
    assert.deepEqual(t.platform.lineItems('77').map((i) => [i.label, i.scoreMaximum, i.resourceId, i.tag]), [['Optique', 20, video.body.id, 'amphi-video']]);

    const student = await launchPage(t.platform, t.app.url, t.platform.launchSpecForActivity(activities[0]!, { roles: [ROLE.learner], sub: 'student-9' }));
    assert.deepEqual(student.session.route, { name: 'resource', resourceId: video.body.id, kind: 'video', readOnly: false });
    const link = await t.app.ctx.db.selectFrom('lti_resource_links').select(['lineitem_url', 'resource_id']).where('resource_link_id', '=', activities[0]!.resourceLinkId).executeTakeFirstOrThrow();
    assert.deepEqual(link, { lineitem_url: activities[0]!.lineItemUrl, resource_id: video.body.id });

    // The same response posted twice, or with its data changed, is refused by the platform.
    const again = await fetch(answer.body.returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: answer.body.jwt }) });
    assert.equal(again.status, 400);
  });

  it('answers an empty selection when the teacher cancels', async () => {
    const page = await launchPage(t.platform, t.app.url, deepLinking());
    const answer = await page.api('POST', '/api/deep-linking/response', { items: [] });
    assert.equal(answer.status, 200);
    assert.deepEqual((await verify(answer.body.jwt))[`${DL}content_items`], []);
  });

  it('respects accept_multiple, accept_types, the document targets and accept_lineitem', async () => {
    const single = await launchPage(t.platform, t.app.url, deepLinking({ accept_multiple: false, accept_presentation_document_targets: ['iframe'] }));
    const a = await single.api('POST', '/api/resources', { kind: 'dashboard', title: 'Suivi A' });
    const b = await single.api('POST', '/api/resources', { kind: 'dashboard', title: 'Suivi B' });
    const two = await single.api('POST', '/api/deep-linking/response', { items: [{ resourceId: a.body.id }, { resourceId: b.body.id }] });
    assert.equal(two.status, 400);
    assert.equal(two.body.code, 'deep-linking-multiple');
    const window = await single.api('POST', '/api/deep-linking/response', { items: [{ resourceId: a.body.id, documentTarget: 'window' }] });
    assert.equal(window.body.code, 'deep-linking-target');

    const files = await launchPage(t.platform, t.app.url, deepLinking({ accept_types: ['file', 'html'] }));
    assert.equal(files.session.route.options.acceptsResourceLinks, false);
    const refused = await files.api('POST', '/api/deep-linking/response', { items: [{ resourceId: a.body.id }] });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.code, 'deep-linking-types');
    assert.match(refused.body.detail, /file, html/);

    const noGrades = await launchPage(t.platform, t.app.url, deepLinking({ accept_lineitem: false }));
    const graded = await noGrades.api('POST', '/api/resources', { kind: 'video', title: 'Noté', gradable: true });
    assert.equal(graded.body.scoreMaximum, 100, 'a graded resource without a maximum is out of 100');
    const answer = await noGrades.api('POST', '/api/deep-linking/response', { items: [{ resourceId: graded.body.id }] });
    assert.equal(((await verify(answer.body.jwt))[`${DL}content_items`] as any[])[0].lineItem, undefined);
  });

  it('issues a response only to a deep-linking launch of an instructor, while its session lives', async () => {
    const teacher = await launchPage(t.platform, t.app.url, deepLinking());
    const video = await teacher.api('POST', '/api/resources', { kind: 'video', title: 'Vidéo' });
    const student = await launchPage(t.platform, t.app.url, deepLinking({}, { roles: [ROLE.learner], sub: 'student-1' }));
    assert.equal((await student.api('POST', '/api/deep-linking/response', { items: [] })).status, 403);
    assert.equal((await student.api('POST', '/api/resources', { kind: 'video', title: 'x' })).status, 403);
    const activity = await launchPage(t.platform, t.app.url, { roles: [ROLE.instructor], sub: 'teacher-1' });
    const wrong = await activity.api('POST', '/api/deep-linking/response', { items: [{ resourceId: video.body.id }] });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.code, 'not-deep-linking');
    await t.app.ctx.db.updateTable('lti_sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
    const expired = await teacher.api('POST', '/api/deep-linking/response', { items: [{ resourceId: video.body.id }] });
    assert.equal(expired.status, 401);
  });

  it('validates what the picker sends', async () => {
    const page = await launchPage(t.platform, t.app.url, deepLinking());
    const cases: [unknown, RegExp][] = [
      [{ kind: 'podcast', title: 'x' }, /kind/],
      [{ kind: 'video', title: '   ' }, /title/],
      [{ kind: 'video', title: 'x', scoreMaximum: -3 }, /scoreMaximum/],
      [{ kind: 'dashboard', title: 'x', settings: { audience: 'parents' } }, /audience/],
      [{ kind: 'video', title: 'x', settings: { welcomeMessage: 'not a video setting' } }, /welcomeMessage|Unrecognized/i],
    ];
    for (const [body, detail] of cases) {
      const res = await page.api('POST', '/api/resources', body);
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.match(res.body.detail, detail);
    }
    const tooMany = await page.api('POST', '/api/deep-linking/response', { items: 'all' });
    assert.equal(tooMany.status, 400);
  });

  it('lists this course, the teacher’s other courses, searches titles, and refuses a course the teacher has nothing in', async () => {
    const course1 = await launchPage(t.platform, t.app.url, deepLinking({}, { context: { id: 'c1', title: 'Statistique' } }));
    await course1.api('POST', '/api/resources', { kind: 'video', title: 'Loi normale' });
    await course1.api('POST', '/api/resources', { kind: 'video', title: 'Loi de Poisson' });
    await course1.api('POST', '/api/resources', { kind: 'classroom', title: 'TD loi normale' });
    const colleague = await launchPage(t.platform, t.app.url, deepLinking({}, { context: { id: 'c3', title: 'Chimie' }, sub: 'teacher-2' }));
    await colleague.api('POST', '/api/resources', { kind: 'video', title: 'Loi de Beer-Lambert' });
    const course2 = await launchPage(t.platform, t.app.url, deepLinking({}, { context: { id: 'c2', title: 'Probabilités' } }));

    const here = await course2.api('GET', '/api/resources?course=current&kind=video');
    assert.deepEqual(here.body.items, []);
    const mine = await course2.api('GET', '/api/resources?course=all&kind=video&q=LOI%20nor');
    assert.deepEqual(mine.body.items.map((r: any) => r.title), ['Loi normale']);
    assert.equal(mine.body.items[0].course.title, 'Statistique');
    assert.equal(mine.body.items[0].createdBy.name, 'Claire Martin');
    const courses = await course2.api('GET', '/api/resources/courses');
    assert.deepEqual(courses.body.courses.map((c: any) => [c.title, c.current, c.resourceCount]), [['Probabilités', true, 0], ['Statistique', false, 3]]);
    const byCourse = await course2.api('GET', `/api/resources?course=${courses.body.courses[1].id}`);
    assert.equal(byCourse.body.items.length, 3);

    const chemistry = await colleague.api('GET', '/api/resources/courses');
    const forbidden = await course2.api('GET', `/api/resources?course=${chemistry.body.courses[0].id}`);
    assert.equal(forbidden.status, 403);
    assert.equal(forbidden.body.code, 'course-forbidden');
    const theirs = (await colleague.api('GET', '/api/resources?course=current')).body.items[0];
    const pick = await course2.api('POST', '/api/deep-linking/response', { items: [{ resourceId: theirs.id }] });
    assert.equal(pick.status, 403);
    assert.equal(pick.body.code, 'resource-forbidden');
  });

  it('never shows one platform’s resources to another', async () => {
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      const ours = await launchPage(t.platform, t.app.url, deepLinking());
      const video = await ours.api('POST', '/api/resources', { kind: 'video', title: 'Secret' });
      // Same course id and same user id on the other platform: still another tenant.
      const theirs = await launchPage(other, t.app.url, deepLinking());
      assert.deepEqual((await theirs.api('GET', '/api/resources?course=all')).body.items, []);
      const read = await theirs.api('GET', `/api/resources/${video.body.id}`);
      assert.equal(read.status, 404);
      assert.equal(read.body.code, 'resource-not-found');
      assert.equal((await theirs.api('PATCH', `/api/resources/${video.body.id}`, { title: 'Mine now' })).status, 404);
      assert.equal((await theirs.api('POST', '/api/deep-linking/response', { items: [{ resourceId: video.body.id }] })).status, 404);
      const activity = await launchPage(other, t.app.url, { roles: [ROLE.learner], custom: { amphi_resource_id: video.body.id } });
      assert.deepEqual(activity.session.route, { name: 'unconfigured', missingResource: true });
    } finally {
      await other.close();
    }
  });
});
