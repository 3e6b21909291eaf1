import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { createResource, launchPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { generateClip } from '../../support/media-fixtures.js';
import { ROLE } from '../../support/test-platform.js';
import { getVideo, uploadVideo } from '../../support/video-client.js';

/** A server whose ffprobe cannot start: the teacher learns it is the server's fault, not the file's. */
describe('video upload without ffmpeg on the server', () => {
  const t = useRegisteredPlatform({ FFPROBE_PATH: '/nonexistent/ffprobe', FFMPEG_PATH: '/nonexistent/ffmpeg' });
  let clip: string;
  before(async () => {
    clip = await generateClip({ width: 320, height: 180, seconds: 2 });
  });

  it('answers 503 video-tools-missing in the teacher language and keeps nothing', async () => {
    const teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor], locale: 'fr-FR' });
    const resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
    const up = await uploadVideo(t.app.url, teacher.token, resource.id, clip);
    assert.equal(up.status, 503, JSON.stringify(up.body));
    assert.equal(up.body.code, 'video-tools-missing');
    assert.match(up.body.detail, /ffmpeg ne peut pas être lancé/);
    const video = (await getVideo(t.app.url, teacher.token, resource.id)).body;
    assert.equal(video.status, 'empty');
    assert.equal(video.processing, null);
    const uploads = path.join(t.app.config.dataDir, 'uploads');
    assert.deepEqual(fs.existsSync(uploads) ? fs.readdirSync(uploads) : [], [], 'the upload was removed');
  });
});
