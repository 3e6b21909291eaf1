import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { before, beforeEach, describe, it } from 'node:test';
import type { CaptionsResponse, CaptionTrackDetail } from '../../../src/captions/captions.view.js';
import { checkCues } from '../../../src/captions/format/cue-rules.js';
import { requestAutomaticCaptions } from '../../../src/captions/generation/caption-generation.service.js';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import { probeMedia, type TranscodeOutput } from '../../../src/video/ffmpeg/index.js';
import { mediaStorage } from '../../../src/video/storage/media-storage.js';
import { createResource, eventually, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { joinedLibrivox, librivoxText, POCKETSPHINX_PRESENT } from '../../support/librivox.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { FFMPEG, FFPROBE, generateClip, mediaFixtureDir } from '../../support/media-fixtures.js';
import { ROLE } from '../../support/test-platform.js';
import { wordErrorRate } from '../../support/word-error-rate.js';

const skip = POCKETSPHINX_PRESENT ? false : 'pocketsphinx or its test data (pocketsphinx-testdata) not installed';

/**
 * Automatic captions for real: pocketsphinx's English model on Debian's LibriVox recordings, run by
 * the job queue from the teacher's button, then the failures a teacher can meet (no sound).
 */
describe('automatic captions: the job, real recognition, the cue rules', { skip }, () => {
  const t = useRegisteredPlatform({ JOBS_POLL_MS: '100', JOBS_RETRY_BASE_MS: '50', CAPTIONS_AUTO_LANG: 'en' });
  let teacher: LaunchedPerson;
  let resource: ResourceRow;
  let speech: string;

  before(async () => {
    speech = await joinedLibrivox(FFMPEG, path.join(mediaFixtureDir(), 'librivox-captions.mp4'));
  });

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });

  /** A published media whose source is `file` (captions read the source; the stream is not needed). */
  async function publish(file: string) {
    const probe = await probeMedia(file, { ffprobePath: FFPROBE, ffmpegPath: FFMPEG });
    const id = crypto.randomUUID();
    await fs.copyFile(file, await mediaStorage(t.app.config.dataDir).sourcePath(teacher.platformId, id));
    const output: TranscodeOutput = { master: 'master.m3u8', renditions: [], audioOnly: false, download: null, poster: 'poster.jpg', thumbnails: [], storyboard: null, durationSeconds: probe.durationSeconds };
    return t.app.ctx.db
      .insertInto('video_media')
      .values({ id, platform_id: teacher.platformId, resource_id: resource.id, status: 'ready', state: 'published', file_name: 'cours.mp4', mime: 'video/mp4', size_bytes: 1, output: JSON.stringify(output), probe: JSON.stringify(probe), ready_at: new Date() })
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  it('recognises English speech into readable captions within the limits, with progress, then stores them as the automatic track', async () => {
    await publish(speech);
    const asked = await teacher.api<CaptionsResponse>('POST', `/api/videos/${resource.id}/captions/generate`, { lang: 'en-GB' });
    assert.equal(asked.status, 202);
    // The job may have started before the answer was written.
    assert.deepEqual(asked.body.generations.map((g) => g.lang), ['en']);
    assert.ok(['queued', 'running'].includes(asked.body.generations[0]!.status), asked.body.generations[0]!.status);
    // Asked twice: still one job.
    await teacher.api('POST', `/api/videos/${resource.id}/captions/generate`, { lang: 'en' });
    assert.equal((await t.app.ctx.db.selectFrom('jobs').select('id').where('name', '=', 'generate-captions').execute()).length, 1);

    const done = await eventually(
      'the automatic track',
      async () => {
        const r = await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`);
        return r.body.generations.length === 0 && r.body.tracks.length === 1 && r.body;
      },
      120_000,
    );
    const track = done.tracks[0]!;
    assert.deepEqual([track.lang, track.source, track.version, track.warningCount], ['en', 'automatic', 1, 0]);
    const detail = await teacher.api<CaptionTrackDetail>('GET', `/api/captions/${track.id}`);
    const cues = detail.body.cues;
    assert.ok(cues.length >= 5, `${cues.length} cues`);
    assert.deepEqual(checkCues(cues, t.app.config.captions.limits), [], 'every cue within the limits');
    const wer = wordErrorRate(librivoxText(), cues.map((c) => c.text).join(' '));
    assert.ok(wer <= 0.35, `word error rate ${(wer * 100).toFixed(1)} %`);
    assert.ok(cues.at(-1)!.end <= detail.body.durationSeconds + 0.5);
  });

  it('after an upload, makes captions in the server’s language when the platform wants them, and not over a track that exists', async () => {
    const media = await publish(speech);
    await t.app.ctx.db.insertInto('caption_tracks').values({ id: crypto.randomUUID(), platform_id: media.platform_id, media_id: media.id, lang: 'en', kind: 'captions', label: 'English', source: 'imported', version: 1, cue_count: 0, warning_count: 0, updated_by: null }).execute();
    await requestAutomaticCaptions(t.app.ctx, media.id);
    assert.equal((await t.app.ctx.db.selectFrom('caption_generations').selectAll().execute()).length, 0, 'an imported track stays');
    await t.app.ctx.db.deleteFrom('caption_tracks').execute();
    const { runAdminCommand } = await import('../../../src/admin/admin-commands.js');
    assert.deepEqual(await runAdminCommand(t.app.ctx, 'platform-captions', { id: media.platform_id, auto: false }), { id: media.platform_id, auto: false, lang: 'en', engine: 'pocketsphinx' });
    await requestAutomaticCaptions(t.app.ctx, media.id);
    assert.equal((await t.app.ctx.db.selectFrom('caption_generations').selectAll().execute()).length, 0, 'the platform said no');
    assert.equal((await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`)).body.autoGenerate, false);
    await runAdminCommand(t.app.ctx, 'platform-captions', { id: media.platform_id, auto: true });
    await requestAutomaticCaptions(t.app.ctx, media.id);
    const [row] = await t.app.ctx.db.selectFrom('caption_generations').selectAll().execute();
    assert.deepEqual([row?.lang, row?.automatic], ['en', true]);
  });

  it('a media whose file has no sound fails once with a reason the teacher reads, with no job retry loop', async () => {
    const silent = await generateClip({ audio: false, seconds: 2 });
    const media = await publish(silent);
    // The probe was wrong (say, an old row): the job finds out from the file itself.
    await t.app.ctx.db.updateTable('video_media').set({ probe: JSON.stringify({ ...media.probe, audio: { codec: 'aac', channels: 1, sampleRate: 48000 } }) }).where('id', '=', media.id).execute();
    await teacher.api('POST', `/api/videos/${resource.id}/captions/generate`, { lang: 'en' });
    const failed = await eventually('the failure', async () => {
      const r = await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`);
      return r.body.generations[0]?.status === 'failed' && r.body.generations[0];
    }, 30_000);
    assert.deepEqual([failed.error, failed.canRetry], ['no-audio', true]);
    // The handler writes the failure before the queue records the job's end: wait for that end.
    const jobs = await eventually('the job ended', async () => {
      const rows = await t.app.ctx.db.selectFrom('jobs').select(['status', 'attempts']).where('name', '=', 'generate-captions').execute();
      return rows.every((j) => j.status !== 'running' && j.status !== 'queued') && rows;
    }, 10_000);
    assert.deepEqual(jobs.map((j) => [j.status, j.attempts]), [['succeeded', 1]]);
  });
});
