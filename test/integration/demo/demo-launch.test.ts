import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { BrowserClient, parseForm, readBootstrap } from '../../support/browser-client.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import type { AppContext } from '../../../src/app-context.js';
import { AppError } from '../../../src/http/errors.js';
import { setUpDemo, type DemoOutcome } from '../../../src/demo/demo-command.js';
import { loadLiveDemo } from '../../../src/demo/demo-platform.service.js';
import type { PlatformView } from '../../../src/lti/platforms/platform.service.js';
import { waitForVideo } from '../../support/video-client.js';

/**
 * `amphi demo`: the demo platform inside Amphi (PUBLIC_URL/demo/) is off unless made, refused on
 * a PUBLIC_URL others can reach, and, once made, launches the seeded course through the real
 * OIDC login and signed id_token, as Moodle would. One small course for the whole file.
 */
describe('demo platform', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(async () => {
    await app?.close();
  });

  const admin = async (name: string, args: unknown = {}) => {
    const res = await fetch(`${app.url}/admin/api/commands/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${app.adminToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { result?: unknown; detail?: string };
    assert.equal(res.status, 200, body.detail);
    return body.result;
  };
  const onPublicUrl = (publicUrl: string): AppContext => ({ ...app.ctx, config: { ...app.ctx.config, http: { ...app.ctx.config.http, publicUrl } } });

  it('answers nothing until amphi demo made it, and is refused on a PUBLIC_URL others can reach', async () => {
    for (const path of ['/demo/', '/demo/jwks.json', '/demo/auth?client_id=amphi-demo']) {
      assert.equal((await fetch(`${app.url}${path}`)).status, 404, path);
    }
    await assert.rejects(setUpDemo(onPublicUrl('https://amphi.univ.example'), { reset: false, allowPublicUrl: false }), (err: unknown) => {
      assert.ok(err instanceof AppError);
      assert.equal(err.code, 'demo-public-url');
      return true;
    });
    assert.deepEqual(await admin('platform-list'), [], 'nothing was made');
  });

  it('lists the course, launches an activity as a learner through the real login, plays its transcoded clip, and is marked as a demo', async () => {
    // One video with a 2-second clip (the CLI's course has 8, each as long as its video).
    const outcome = await setUpDemo(app.ctx, { learners: 4, seed: 7, reset: false, allowPublicUrl: false }, { videos: 1, clipSeconds: 2 });
    assert.equal(outcome.created, true);
    assert.deepEqual(outcome.videos, { status: 'queued', queued: 1, seconds: 2, reason: null });
    assert.equal(outcome.url, `${app.url}/demo/`);
    const [platform] = (await admin('platform-list')) as PlatformView[];
    assert.equal(platform!.demo, true);
    assert.equal(platform!.id, outcome.platformId);
    assert.equal(platform!.issuer, `${app.url}/demo`);

    const browser = new BrowserClient({ acceptLanguage: 'fr' });
    const course = await browser.get(`${app.url}/demo/`);
    assert.equal(course.status, 200);
    const coursePage = await course.text();
    assert.match(coursePage, /<html lang="fr">/);
    assert.match(coursePage, /pas un vrai LMS/);
    const open = /href="(\/demo\/activities\/[^"]+as=learner&amp;n=1[^"]*)"/.exec(coursePage);
    assert.ok(open, 'an "open as learner 1" link');
    const activityPage = await (await browser.get(`${app.url}${open[1]!.replaceAll('&amp;', '&')}`)).text();
    const frame = /<iframe[^>]*src="([^"]+)"/.exec(activityPage);
    assert.ok(frame, 'the activity is shown in an iframe of the course page');

    // launch.php → Amphi's /lti/login → the demo platform's auth endpoint → form_post to /lti/launch.
    const launch = await browser.get(`${app.url}${frame[1]!.replaceAll('&amp;', '&')}`);
    assert.equal(launch.status, 302);
    assert.match(launch.headers.get('location')!, /\/lti\/login\?iss=/);
    const login = await browser.get(launch.headers.get('location')!);
    assert.equal(login.status, 302, await login.clone().text());
    assert.ok(login.headers.get('location')!.startsWith(`${app.url}/demo/auth?`));
    const auth = await browser.get(login.headers.get('location')!);
    assert.equal(auth.status, 200);
    const form = parseForm(await auth.text());
    assert.equal(form.action, `${app.url}/lti/launch`);
    const landed = await browser.postForm(form.action, form.fields);
    const html = await landed.text();
    assert.equal(landed.status, 200, html.slice(0, 300));
    assert.match(landed.headers.get('content-security-policy') ?? '', new RegExp(`frame-ancestors [^;]*${new URL(app.url).origin}`));

    const { token } = readBootstrap(html);
    const session = (await (await fetch(`${app.url}/api/session`, { headers: { Authorization: `Bearer ${token}` } })).json()) as Record<string, any>;
    assert.equal(session.role, 'learner');
    assert.equal(session.locale, 'fr');
    assert.equal(session.route.name, 'resource');
    assert.match(session.platform.name, /demo/i);

    // The video plays its clip once the 'transcode-video' job has run; before that, no player (never one whose URLs answer 404).
    assert.equal(session.route.kind, 'video');
    const ready = await waitForVideo(app.url, token, session.route.resourceId, (v) => {
      assert.ok(v.status === 'ready' ? v.media : v.status === 'processing' && !v.media, v.status);
      return v.status === 'ready';
    }, 30_000);
    assert.ok(Math.abs(ready.media!.durationSeconds - 2) < 0.2, `duration ${ready.media!.durationSeconds}`);
    for (const url of [ready.media!.masterUrl, ready.media!.posterUrl, new URL('240p/index.m3u8', ready.media!.masterUrl).href]) {
      assert.equal((await fetch(url)).status, 200, url);
    }

    // The teacher's roster comes from the demo platform's NRPS, through its token endpoint.
    const teacherLink = /href="(\/demo\/activities\/[^"]+as=teacher[^"]*)"/.exec(coursePage)![1]!.replaceAll('&amp;', '&');
    const teacherFrame = /<iframe[^>]*src="([^"]+)"/.exec(await (await browser.get(`${app.url}${teacherLink}`)).text())![1]!.replaceAll('&amp;', '&');
    const teacherLogin = await browser.get((await browser.get(`${app.url}${teacherFrame}`)).headers.get('location')!);
    const teacherForm = parseForm(await (await browser.get(teacherLogin.headers.get('location')!)).text());
    const teacher = readBootstrap(await (await browser.postForm(teacherForm.action, teacherForm.fields)).text());
    assert.equal(teacher.session.role, 'instructor');
    const roster = (await (await fetch(`${app.url}/api/roster?refresh=1`, { headers: { Authorization: `Bearer ${teacher.token}` } })).json()) as Record<string, any>;
    assert.equal(roster.status, 'ok', roster.error);
    assert.equal(roster.members.filter((m: { role: string }) => m.role === 'learner').length, 4);

    // A second run keeps the course; the demo stops being served once PUBLIC_URL is not loopback.
    assert.equal(((await admin('demo', {})) as DemoOutcome).created, false);
    assert.equal(await loadLiveDemo(onPublicUrl('https://amphi.univ.example')), undefined);
  });
});
