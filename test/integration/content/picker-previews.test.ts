/**
 * What the picker's list shows of each video (GET /api/resources): the published media's poster,
 * under a signed media URL the browser can load, and its length; nothing for a video with no
 * published media, nor for classrooms and dashboards.
 */
import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import type { Insertable } from 'kysely';
import type { ResourcesTable } from '../../../src/content/resource.table.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { publishVideoMedia } from '../../support/published-video.js';
import { ROLE } from '../../support/test-platform.js';

describe('picker list: video posters and lengths', () => {
  const t = useRegisteredPlatform();
  let teacher: LaunchedPerson;

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor], context: { id: 'stat101', title: 'Statistique' } });
  });

  const make = (fields: Partial<Insertable<ResourcesTable>> & { title: string }) =>
    createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, ...fields });

  async function listed(kind: string) {
    const res = await teacher.api('GET', `/api/resources?course=current&kind=${kind}`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return new Map<string, any>(res.body.items.map((item: any) => [item.title, item]));
  }

  it('gives a transcoded video its poster (a signed URL that serves the file) and its length', async () => {
    const ready = await make({ title: 'Loi normale' });
    await publishVideoMedia(t.app.ctx, ready, { durationSeconds: 754.4 });
    await make({ title: 'Pas encore envoyée' });

    const items = await listed('video');
    const item = items.get('Loi normale');
    assert.equal(item.durationSeconds, 754.4);
    assert.match(item.thumbnailUrl, new RegExp(`^${t.app.url}/media/[^/]+/poster\\.jpg$`));
    const poster = await fetch(item.thumbnailUrl);
    assert.equal(poster.status, 200);
    assert.equal(poster.headers.get('content-type'), 'image/jpeg');
    const bytes = Buffer.from(await poster.arrayBuffer());
    assert.deepEqual([...bytes.subarray(0, 2)], [0xff, 0xd8], 'a JPEG');

    const empty = items.get('Pas encore envoyée');
    assert.equal(empty.thumbnailUrl, null, 'nothing published: no picture');
    assert.equal('durationSeconds' in empty, false);
  });

  it('shows a course copy with its original’s media until it publishes its own; a retired media shows nothing', async () => {
    const original = await make({ title: 'Original' });
    await publishVideoMedia(t.app.ctx, original, { durationSeconds: 60 });
    const copy = await make({ title: 'Copie', copied_from: original.id, media_resource_id: original.id });
    // One copy per course and original: this one is a copy of the copy (it still plays the original's files).
    const replaced = await make({ title: 'Copie remplacée', copied_from: copy.id, media_resource_id: original.id });
    await publishVideoMedia(t.app.ctx, replaced, { durationSeconds: 90 });
    const retired = await make({ title: 'Retirée' });
    await publishVideoMedia(t.app.ctx, retired, { durationSeconds: 30, state: 'retired' });

    const items = await listed('video');
    assert.equal(items.get('Copie').durationSeconds, 60);
    assert.equal(items.get('Copie').thumbnailUrl.split('/media/')[1].split('/')[0], items.get('Original').thumbnailUrl.split('/media/')[1].split('/')[0], 'the same media');
    assert.equal(items.get('Copie remplacée').durationSeconds, 90);
    assert.equal(items.get('Retirée').thumbnailUrl, null);
  });

  it('gives classrooms and dashboards no picture and no length', async () => {
    await make({ title: 'Permanence', kind: 'classroom', gradable: false, score_maximum: null });
    await make({ title: 'Suivi', kind: 'dashboard', gradable: false, score_maximum: null });
    const all = await teacher.api('GET', '/api/resources?course=current');
    assert.equal(all.status, 200);
    for (const item of all.body.items) {
      assert.equal(item.thumbnailUrl, null, item.title);
      assert.equal(item.durationSeconds, undefined, item.title);
    }
  });
});
