/**
 * Issue 17: `/` is a small page for the administrators who land there, in their language, with
 * Amphi's look and CSP, pointing to the registration values, the guide and the readiness check.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../../support/test-app.js';

describe('the page at /', () => {
  let app: TestApp;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app.close());

  const home = (acceptLanguage?: string) =>
    fetch(`${app.url}/`, { headers: { Accept: 'text/html', ...(acceptLanguage ? { 'Accept-Language': acceptLanguage } : {}) } });

  const links = (html: string) => [...html.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);

  it('answers in English by default and from Accept-Language, with the three pointers', async () => {
    for (const language of [undefined, 'en-GB,en;q=0.9', 'de-DE, en;q=0.5']) {
      const response = await home(language);
      assert.equal(response.status, 200, language);
      assert.match(response.headers.get('content-type')!, /^text\/html/);
      assert.equal(response.headers.get('content-language'), 'en');
      assert.match(response.headers.get('vary') ?? '', /Accept-Language/);
      const html = await response.text();
      assert.match(html, /^<!doctype html><html lang="en">/);
      assert.match(html, /<h1>Amphi, an LTI 1\.3 tool for Moodle<\/h1>/);
      assert.deepEqual(links(html), [
        ['/lti/config', 'Registration configuration'],
        ['/readyz', 'Readiness check'],
      ]);
      assert.match(html, /“Register Amphi in Moodle” of the README\.md file/);
    }
  });

  it('answers in French to a French browser', async () => {
    const response = await home('fr-FR,fr;q=0.9,en;q=0.8');
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-language'), 'fr');
    const html = await response.text();
    assert.match(html, /<html lang="fr">/);
    assert.match(html, /<title>Pour les administrateur·rices · Amphi<\/title>/);
    assert.match(html, /<h1>Amphi, un outil LTI 1\.3 pour Moodle<\/h1>/);
    assert.deepEqual(links(html), [
      ['/lti/config', 'Configuration de l’enregistrement'],
      ['/readyz', 'État de disponibilité'],
    ]);
    assert.match(html, /la section «\u00a0Register Amphi in Moodle\u00a0» du fichier README\.md/);
  });

  it('keeps Amphi’s CSP and look, and reveals nothing of the server', async () => {
    const response = await home();
    const csp = response.headers.get('content-security-policy')!;
    assert.match(csp, /script-src 'self'/);
    assert.match(csp, /frame-ancestors 'self'(;|$)/);
    const html = await response.text();
    assert.match(html, /<link rel="stylesheet" href="\/static\/page\.css">/);
    assert.doesNotMatch(html, /<script|style=/, 'no inline script or style');
    for (const secret of [app.adminToken, app.config.dataDir, Buffer.alloc(32, 7).toString('base64')]) {
      assert.ok(!html.includes(secret), `the page shows ${secret}`);
    }
    // Every pointer works.
    assert.equal((await fetch(`${app.url}/lti/config`, { headers: { Accept: 'text/html' } })).status, 200);
    assert.equal((await fetch(`${app.url}/readyz`)).status, 200);
  });

  it('answers HEAD, and still a 404 page for paths under it', async () => {
    assert.equal((await fetch(`${app.url}/`, { method: 'HEAD' })).status, 200);
    assert.equal((await fetch(`${app.url}/index.html`, { headers: { Accept: 'text/html' } })).status, 404);
  });
});
