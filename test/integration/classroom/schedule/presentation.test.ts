import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import type { ResourceRow } from '../../../../src/content/resource.table.js';
import { presentationDownloadUrl } from '../../../../src/classroom/schedule/classroom-settings.service.js';
import { signPresentationToken } from '../../../../src/classroom/schedule/presentation-token.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../../support/factories.js';
import { useRegisteredPlatform } from '../../../support/lti-fixture.js';
import { ROLE } from '../../../support/test-platform.js';
import { odpFile, pdfFile, pngFile, zipFile } from '../../../unit/classroom/schedule/classroom-documents.js';

const LIMIT = 64 * 1024;

/** PUT/DELETE /api/classrooms/:id/presentation and the signed URL BigBlueButton downloads it from. */
describe('classroom presentation', () => {
  const t = useRegisteredPlatform({ CLASSROOM_MAX_PRESENTATION_BYTES: String(LIMIT) });
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let classroom: ResourceRow;

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    classroom = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, kind: 'classroom', settings: JSON.stringify({}) });
  });

  const dir = () => path.join(t.app.config.dataDir, 'classroom', classroom.platform_id, classroom.id);
  const filesOnDisk = () => (fs.existsSync(dir()) ? fs.readdirSync(dir()) : []);

  async function put(who: LaunchedPerson, bytes: Buffer, query = '', headers: Record<string, string> = {}) {
    const res = await fetch(`${t.app.url}/api/classrooms/${classroom.id}/presentation${query}`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${who.token}`, 'Content-Type': 'application/octet-stream', ...headers },
      body: new Uint8Array(bytes),
    });
    return { status: res.status, body: await res.json() };
  }
  async function storedRow() {
    return t.app.ctx.db.selectFrom('resources').selectAll().where('id', '=', classroom.id).executeTakeFirstOrThrow();
  }

  it('stores a PDF, an ODP and a PNG generated here, each replacing the last, and serves it to BBB through a signed URL', async () => {
    const pdf = pdfFile('Chapitre 1');
    const first = await put(teacher, pdf, '?fileName=Chapitre%201.pdf');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.presentation.fileName, 'Chapitre 1.pdf');
    assert.equal(first.body.presentation.mime, 'application/pdf');
    assert.equal(first.body.presentation.sizeBytes, pdf.length);
    assert.deepEqual(filesOnDisk(), ['presentation']);

    const url = presentationDownloadUrl(t.app.ctx, await storedRow());
    assert.ok(url?.startsWith(`${t.app.url}/classroom/presentations/`), url ?? 'null');
    const served = await fetch(url!);
    assert.equal(served.status, 200);
    assert.equal(served.headers.get('content-type'), 'application/pdf');
    assert.match(served.headers.get('content-disposition') ?? '', /filename="Chapitre 1\.pdf"/);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), pdf);

    const odp = odpFile();
    const second = await put(teacher, odp, '', { 'Content-Disposition': `attachment; filename*=UTF-8''S%C3%A9ance%202.odp` });
    assert.equal(second.status, 200, JSON.stringify(second.body));
    assert.equal(second.body.presentation.fileName, 'Séance 2.odp');
    assert.equal(second.body.presentation.mime, 'application/vnd.oasis.opendocument.presentation');
    assert.deepEqual(filesOnDisk(), ['presentation'], 'one presentation per classroom');
    assert.deepEqual(Buffer.from(await (await fetch(presentationDownloadUrl(t.app.ctx, await storedRow())!)).arrayBuffer()), odp);

    const png = await put(teacher, pngFile(), '?fileName=schema.pdf');
    assert.equal(png.body.presentation.fileName, 'schema.png', 'the name BBB sees carries the real format’s extension');
    assert.equal(png.body.presentation.mime, 'image/png');

    const learnerView = await learner.api('GET', `/api/classrooms/${classroom.id}`);
    assert.equal(learnerView.body.presentation, null, 'learners do not see the teacher’s file');
  });

  it('refuses a renamed program, a ZIP archive, an HTML page and an empty body, leaving the previous presentation', async () => {
    await put(teacher, pdfFile(), '?fileName=cours.pdf');
    const before = (await storedRow()).settings;
    const refusals: [Buffer, number, string][] = [
      [Buffer.concat([Buffer.from('MZ\x90\x00'), Buffer.alloc(2000, 1)]), 415, 'executable'],
      [zipFile([['slides/1.png', pngFile()]]), 415, 'archive'],
      [Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'), 415, 'markup'],
      [Buffer.alloc(0), 422, 'empty'],
    ];
    for (const [bytes, status, rule] of refusals) {
      const answer = await put(teacher, bytes, '?fileName=cours.pdf');
      assert.equal(answer.status, status, rule);
      assert.equal(answer.body.code, 'classroom-presentation-refused', rule);
      assert.equal(answer.body.issues[0].rule, rule);
      assert.deepEqual(filesOnDisk(), ['presentation'], `nothing left behind by ${rule}`);
    }
    const exe = await put(teacher, Buffer.from('MZ\x90\x00'), '?fileName=cours.pdf');
    assert.match(exe.body.detail, /it is a program, not a document/);
    assert.deepEqual((await storedRow()).settings, before);
  });

  it('refuses a file over the limit with 413 naming it, JSON bodies, and learners', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(LIMIT + 10, 0x20)]);
    const tooLarge = await put(teacher, big, '?fileName=gros.pdf');
    assert.equal(tooLarge.status, 413);
    assert.equal(tooLarge.body.code, 'classroom-presentation-too-large');
    assert.match(tooLarge.body.detail, /64\u00a0KiB/);
    assert.deepEqual(filesOnDisk(), []);
    const json = await teacher.api('PUT', `/api/classrooms/${classroom.id}/presentation`, { file: 'x' });
    assert.equal(json.status, 415);
    assert.equal((await put(learner, pdfFile())).status, 403);
    assert.equal((await learner.api('DELETE', `/api/classrooms/${classroom.id}/presentation`)).status, 403);
    assert.deepEqual(filesOnDisk(), []);
  });

  it('deletes the presentation; forged, expired and stale URLs get 403', async () => {
    await put(teacher, pdfFile(), '?fileName=cours.pdf');
    const url = presentationDownloadUrl(t.app.ctx, await storedRow())!;
    const token = new URL(url).pathname.split('/')[3]!;
    const forged = url.replace(token, `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`);
    assert.equal((await fetch(forged)).status, 403);
    const expired = signPresentationToken(t.app.ctx.secrets.sessionKeyBytes, { platformId: classroom.platform_id, resourceId: classroom.id, exp: Math.floor(Date.now() / 1000) - 1 });
    const old = await fetch(`${t.app.url}/classroom/presentations/${expired}/cours.pdf`, { headers: { Accept: 'application/json' } });
    assert.equal(old.status, 403);
    assert.equal(((await old.json()) as { code: string }).code, 'classroom-presentation-link-invalid');
    const otherPlatform = signPresentationToken(t.app.ctx.secrets.sessionKeyBytes, { platformId: 'another', resourceId: classroom.id, exp: Math.floor(Date.now() / 1000) + 60 });
    assert.equal((await fetch(`${t.app.url}/classroom/presentations/${otherPlatform}/cours.pdf`)).status, 403);

    const removed = await teacher.api('DELETE', `/api/classrooms/${classroom.id}/presentation`);
    assert.equal(removed.status, 200);
    assert.equal(removed.body.presentation, null);
    assert.deepEqual(filesOnDisk(), []);
    assert.equal((await fetch(url)).status, 403, 'the link names a presentation that is gone');
    assert.equal(presentationDownloadUrl(t.app.ctx, await storedRow()), null);
  });

  it('serves a course copy the original’s presentation until the copy gets its own', async () => {
    const pdf = pdfFile('Original');
    await put(teacher, pdf, '?fileName=cours.pdf');
    const original = await storedRow();
    const copy = await createResource(t.app.ctx.db, {
      platform_id: original.platform_id, context_id: original.context_id, kind: 'classroom', copied_from: original.id, media_resource_id: original.id, settings: JSON.stringify(original.settings),
    });
    const served = await fetch(presentationDownloadUrl(t.app.ctx, copy)!);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), pdf);
  });
});
