import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { launchPage } from '../../support/api-client.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { BrowserClient } from '../../support/browser-client.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';

const TEACHER = { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor] };
const STUDENT = { sub: 'student-1', name: 'Inès', roles: [ROLE.learner] };

describe('activities, re-editing and course copy', () => {
  const t = useRegisteredPlatform();

  /** A resource made through deep linking in course `courseId`, as a teacher does it. */
  async function createResource(courseId: string, body: Record<string, unknown>) {
    const picker = await launchPage(t.platform, t.app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest', context: { id: courseId, title: `Course ${courseId}` } });
    const created = await picker.api('POST', '/api/resources', body);
    assert.equal(created.status, 201);
    return created.body as { id: string; kind: string };
  }

  const activity = (courseId: string, linkId: string, resourceId: string, who: Partial<LaunchSpec>): LaunchSpec => ({
    ...who,
    context: { id: courseId, title: `Course ${courseId}` },
    resourceLink: { id: linkId, title: 'Semaine 1' },
    custom: { amphi_resource_id: resourceId },
  });

  it('opens the resource an activity names, for teachers and students of its course', async () => {
    const video = await createResource('A', { kind: 'video', title: 'Cours 1', gradable: true, scoreMaximum: 20 });
    const student = await launchPage(t.platform, t.app.url, activity('A', 'link-1', video.id, STUDENT));
    assert.deepEqual(student.session.route, { name: 'resource', resourceId: video.id, kind: 'video', readOnly: false });
    const read = await student.api('GET', `/api/resources/${video.id}`);
    assert.equal(read.status, 200);
    assert.equal(read.body.canEdit, false);
    assert.equal((await student.api('PATCH', `/api/resources/${video.id}`, { title: 'Hacked' })).status, 403);

    const teacher = await launchPage(t.platform, t.app.url, activity('A', 'link-1', video.id, TEACHER));
    const changed = await teacher.api('PATCH', `/api/resources/${video.id}`, { title: 'Cours 1 (v2)', settings: { allowDownload: true } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.title, 'Cours 1 (v2)');
    assert.deepEqual(changed.body.settings, { allowDownload: true });
    const badSettings = await teacher.api('PATCH', `/api/resources/${video.id}`, { settings: { allowDownload: 'yes' } });
    assert.equal(badSettings.status, 400);
    assert.match(badSettings.body.detail, /allowDownload/);
    const noMax = await teacher.api('PATCH', `/api/resources/${video.id}`, { scoreMaximum: null });
    assert.equal(noMax.body.code, 'score-maximum-required');
  });

  it('lets a teacher switch an activity to another resource; a new selection in Moodle wins again', async () => {
    const first = await createResource('A', { kind: 'video', title: 'Première' });
    const second = await createResource('A', { kind: 'video', title: 'Seconde' });
    const third = await createResource('A', { kind: 'dashboard', title: 'Troisième' });
    const teacher = await launchPage(t.platform, t.app.url, activity('A', 'link-2', first.id, TEACHER));
    const switched = await teacher.api('PUT', '/api/resource-link/resource', { resourceId: second.id });
    assert.equal(switched.status, 200);
    assert.equal(switched.body.route.resourceId, second.id);

    const student = await launchPage(t.platform, t.app.url, activity('A', 'link-2', first.id, STUDENT));
    assert.equal(student.session.route.resourceId, second.id, 'the activity shows the resource the teacher chose, same Moodle activity');
    assert.equal((await student.api('PUT', '/api/resource-link/resource', { resourceId: first.id })).status, 403);

    // The teacher re-selects content in Moodle's activity settings: the custom id changes.
    const reselected = await launchPage(t.platform, t.app.url, activity('A', 'link-2', third.id, STUDENT));
    assert.deepEqual(reselected.session.route, { name: 'resource', resourceId: third.id, kind: 'dashboard', readOnly: false });
  });

  it('in a copied course: students see the original read-only, the first teacher launch makes the course its own copy', async () => {
    const original = await createResource('A', { kind: 'classroom', title: 'Permanence', gradable: true, scoreMaximum: 10, settings: { welcomeMessage: 'Bonjour' } });
    const early = await launchPage(t.platform, t.app.url, activity('B', 'copy-link', original.id, STUDENT));
    assert.deepEqual(early.session.route, { name: 'resource', resourceId: original.id, kind: 'classroom', readOnly: true });
    assert.equal((await early.api('GET', `/api/resources/${original.id}`)).status, 200, 'the original stays readable from the copy');

    // Moodle's copy launched by several teachers at once: one copy only.
    const teachers = await Promise.all(
      [1, 2, 3, 4, 5].map((n) => launchPage(t.platform, t.app.url, activity('B', 'copy-link', original.id, { ...TEACHER, sub: `teacher-${n}` }))),
    );
    const copies = new Set(teachers.map((p) => p.session.route.resourceId));
    assert.equal(copies.size, 1);
    const copyId = [...copies][0];
    assert.notEqual(copyId, original.id);
    const rows = await t.app.ctx.db.selectFrom('resources').selectAll().where('copied_from', '=', original.id).execute();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.media_resource_id, original.id, 'the copy uses the original’s media, not a duplicate');
    assert.equal(rows[0]!.title, 'Permanence');
    assert.equal(rows[0]!.score_maximum, 10);
    const originalRow = await t.app.ctx.db.selectFrom('resources').select('settings').where('id', '=', original.id).executeTakeFirstOrThrow();
    assert.equal(rows[0]!.settings.welcomeMessage, 'Bonjour');
    assert.deepEqual(rows[0]!.settings, originalRow.settings, 'every setting copied');

    const copy = await teachers[0]!.api('GET', `/api/resources/${copyId}`);
    assert.equal(copy.body.course.current, true);
    assert.equal(copy.body.canEdit, true);
    const later = await launchPage(t.platform, t.app.url, activity('B', 'copy-link', original.id, STUDENT));
    assert.deepEqual(later.session.route, { name: 'resource', resourceId: copyId, kind: 'classroom', readOnly: false });

    // Changing the copy leaves the original course alone.
    await teachers[0]!.api('PATCH', `/api/resources/${copyId}`, { title: 'Permanence (copie)' });
    const inA = await launchPage(t.platform, t.app.url, activity('A', 'link-a', original.id, STUDENT));
    assert.equal((await inA.api('GET', `/api/resources/${original.id}`)).body.title, 'Permanence');
    // A student of the copy cannot wander to another course's resources.
    const other = await createResource('C', { kind: 'video', title: 'Autre cours' });
    assert.equal((await later.api('GET', `/api/resources/${other.id}`)).status, 403);
  });

  it('an activity without an Amphi resource asks the teacher to choose one', async () => {
    const video = await createResource('A', { kind: 'video', title: 'À choisir' });
    const teacher = await launchPage(t.platform, t.app.url, { ...TEACHER, context: { id: 'A' }, resourceLink: { id: 'bare' } });
    assert.deepEqual(teacher.session.route, { name: 'unconfigured', missingResource: false });
    const chosen = await teacher.api('PUT', '/api/resource-link/resource', { resourceId: video.id });
    assert.equal(chosen.body.route.resourceId, video.id);
    const student = await launchPage(t.platform, t.app.url, { ...STUDENT, context: { id: 'A' }, resourceLink: { id: 'bare' } });
    assert.equal(student.session.route.resourceId, video.id);
  });

  it('content embedded in a text (Moodle’s local_amphi): signed by its auth endpoint, shown in its course, copied with a copied course, refused elsewhere', async () => {
    const video = await createResource('A', { kind: 'video', title: 'Dans la page', gradable: true, scoreMaximum: 20 });
    // local_amphi derives a link id per placeholder and course: unknown to Amphi until the first launch.
    const embedded = (courseId: string, who: Partial<LaunchSpec>): LaunchSpec => {
      const launch = activity(courseId, `amphi-ph1-${courseId}`, video.id, who);
      return { ...launch, custom: { ...launch.custom, amphi_placement: 'RichTextEditor' }, embeddedInText: true };
    };
    const before = t.platform.localAuthRequests;
    const student = await launchPage(t.platform, t.app.url, embedded('A', STUDENT));
    assert.deepEqual(student.session.route, { name: 'resource', resourceId: video.id, kind: 'video', readOnly: false });
    assert.equal(t.platform.localAuthRequests, before + 1, 'the authentication request went to local/amphi/auth.php, next to mod/lti/auth.php');
    assert.equal(student.session.inText, true, 'a frame inside a text: the page shows the content only');
    assert.equal((await launchPage(t.platform, t.app.url, activity('A', 'link-activity', video.id, STUDENT))).session.inText, false);
    const teacher = await launchPage(t.platform, t.app.url, embedded('A', TEACHER));
    assert.deepEqual(teacher.session.route, { name: 'resource', resourceId: video.id, kind: 'video', readOnly: false });

    // The same text in a copied course: a learner first sees the original read-only, the teacher's launch makes the copy.
    const early = await launchPage(t.platform, t.app.url, embedded('B', STUDENT));
    assert.deepEqual(early.session.route, { name: 'resource', resourceId: video.id, kind: 'video', readOnly: true });
    const copier = await launchPage(t.platform, t.app.url, embedded('B', TEACHER));
    assert.notEqual(copier.session.route.resourceId, video.id);
    assert.equal(copier.session.route.readOnly, false);

    // Only Moodle's own auth endpoint, on the registered origin: a login cannot pick another one.
    const browser = new BrowserClient();
    const login = await t.platform.startLogin(t.app.url, embedded('A', STUDENT), browser);
    assert.equal(login.status, 302);
    assert.equal(new URL(login.headers.get('location')!).origin + new URL(login.headers.get('location')!).pathname, `${t.platform.url}/local/amphi/auth.php`);
    const bad = await browser.get(`${t.app.url}/lti/login?${new URLSearchParams({ iss: t.platform.issuer, client_id: t.platform.clientId, login_hint: 'x', target_link_uri: `${t.app.url}/lti/launch`, amphi_auth: 'https://evil.example/auth' })}`);
    assert.equal(bad.status, 400);
    assert.match(await bad.text(), /amphi_auth/);

    // The placeholder's bare link (the filter off) explains, and says nothing about the resource.
    const bare = await fetch(`${t.app.url}/embed/${video.id}?ph=x&w=640&h=360&sig=y`, { headers: { 'Accept-Language': 'fr' } });
    assert.equal(bare.status, 200);
    const page = await bare.text();
    assert.match(page, /filtre « Amphi »/);
    assert.ok(!page.includes('Dans la page'));
    assert.equal((await fetch(`${t.app.url}/embed/${encodeURIComponent('../etc')}`)).status, 400);

    // Another platform naming this platform’s resource: nothing.
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      const stranger = await launchPage(other, t.app.url, embedded('A', STUDENT));
      assert.deepEqual(stranger.session.route, { name: 'unconfigured', missingResource: true });
    } finally {
      await other.close();
    }
  });

  it('a platform whose authorization URL is not Moodle’s has no embedded content (the login says why); local_amphi’s, when registered, is used as is', async () => {
    const other = await TestPlatform.start();
    try {
      await t.app.register(other);
      await t.app.ctx.db.updateTable('platforms').set({ auth_login_url: `${other.url}/oidc/authorize` }).where('issuer', '=', other.issuer).execute();
      t.app.ctx.platforms.invalidate();
      const { response, html } = await other.launch(t.app.url, { ...STUDENT, embeddedInText: true });
      assert.equal(response.status, 400);
      assert.match(html, /local_amphi/);
      // local_amphi's endpoint registered as the tool's auth URL (it passes activities on to mod_lti's): used as is.
      await t.app.ctx.db.updateTable('platforms').set({ auth_login_url: `${other.url}/local/amphi/auth.php` }).where('issuer', '=', other.issuer).execute();
      t.app.ctx.platforms.invalidate();
      const before = other.localAuthRequests;
      assert.equal((await other.launch(t.app.url, { ...STUDENT, embeddedInText: true })).response.status, 200);
      assert.equal(other.localAuthRequests, before + 1);
    } finally {
      await other.close();
    }
  });
});
