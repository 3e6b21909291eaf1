import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import type { CaptionsResponse, CaptionTrackDetail, ImportCaptionsResponse } from '../../../src/captions/captions.view.js';
import { checkCues } from '../../../src/captions/format/cue-rules.js';
import { parseWebVtt } from '../../../src/captions/format/webvtt.js';
import { carryTracksFromReplaced } from '../../../src/captions/tracks/carried-tracks.service.js';
import { putTrackContent } from '../../../src/captions/tracks/caption-track.service.js';
import { adoptCaptionFiles } from '../../../src/captions/tracks/imported-captions.service.js';
import { mediaStorage } from '../../../src/video/storage/media-storage.js';
import type { ResourceRow } from '../../../src/content/resource.table.js';
import type { Db } from '../../../src/db/database.js';
import type { MediaProbe, TranscodeOutput } from '../../../src/video/ffmpeg/index.js';
import { createResource, launchPerson, type LaunchedPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';
import { videoStatement } from '../../unit/video/tracking/video-statements.js';

const PROBE: MediaProbe = {
  formatName: 'mov,mp4',
  durationSeconds: 120,
  sizeBytes: 1000,
  video: { codec: 'h264', width: 640, height: 360, frameRate: 25, rotation: 0 },
  audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
};

/** A published media row as a finished transcode leaves it (the API needs no file of it). */
async function insertReadyMedia(db: Db, resource: ResourceRow, probe: MediaProbe = PROBE) {
  const output: TranscodeOutput = {
    master: 'master.m3u8',
    renditions: [{ name: '360p', width: 640, height: 360, bandwidth: 900_000, playlist: '360p/index.m3u8' }],
    audioOnly: false,
    download: null,
    poster: 'poster.jpg',
    thumbnails: ['thumbs/01.jpg'],
    storyboard: null,
    durationSeconds: probe.durationSeconds,
  };
  return db
    .insertInto('video_media')
    .values({
      id: crypto.randomUUID(), platform_id: resource.platform_id, resource_id: resource.id, status: 'ready', state: 'published', file_name: 'cours.mp4', mime: 'video/mp4',
      size_bytes: 1000, output: JSON.stringify(output), probe: JSON.stringify(probe), ready_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Sends a file's bytes to the import route as the tool does (raw body). */
async function importFile(person: LaunchedPerson, url: string, resourceId: string, bytes: Uint8Array, query: Record<string, string>) {
  const res = await fetch(`${url}/api/videos/${resourceId}/captions/import?${new URLSearchParams(query)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${person.token}`, 'Content-Type': 'application/octet-stream' },
    body: Buffer.from(bytes),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** windows-1252, as an old Windows subtitle tool saves French. */
function latin1(text: string): Uint8Array {
  return Uint8Array.from([...text].map((ch) => ch.charCodeAt(0)));
}

const HOSTILE_VTT = [
  'WEBVTT',
  '',
  '00:00:01.000 --> 00:00:04.000',
  'Bonjour <script>alert(1)</script>à tous',
  '',
  '00:00:03.500 --> 00:00:06.000',
  '<img src=x onerror=alert(2)>Deuxième <b>phrase</b>',
  '',
].join('\n');

describe('captions API: tracks, import, edits, versions, export, access', () => {
  const t = useRegisteredPlatform();
  let teacher: LaunchedPerson;
  let learner: LaunchedPerson;
  let resource: ResourceRow;

  beforeEach(async () => {
    teacher = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', name: 'Inès Martin', roles: [ROLE.instructor] });
    learner = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    resource = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId });
  });

  it('says what can be done before and after a media, with pocketsphinx’s English and the platform’s setting', async () => {
    const before = await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`);
    assert.equal(before.status, 200);
    assert.equal(before.body.mediaId, null);
    assert.equal(before.body.editable, false);
    assert.equal((await teacher.api('POST', `/api/videos/${resource.id}/captions`, { lang: 'fr' })).body.code, 'captions-no-media');
    const media = await insertReadyMedia(t.app.ctx.db, resource);
    const after = await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`);
    assert.equal(after.body.mediaId, media.id);
    assert.equal(after.body.editable, true);
    assert.equal(after.body.hasAudio, true);
    assert.equal(after.body.autoGenerate, true);
    assert.deepEqual(after.body.engines.find((e) => e.lang === 'en'), { lang: 'en', engine: 'pocketsphinx' });
    assert.deepEqual(after.body.limits, t.app.config.captions.limits);
    // A learner reads tracks through the video, never this API.
    assert.equal((await learner.api('GET', `/api/videos/${resource.id}/captions`)).status, 403);
    // No engine for German here: said, not queued.
    const de = await teacher.api('POST', `/api/videos/${resource.id}/captions/generate`, { lang: 'de' });
    assert.equal(de.status, 422);
    assert.equal(de.body.code, 'captions-no-engine');
    assert.equal((await t.app.ctx.db.selectFrom('caption_generations').selectAll().execute()).length, 0);
  });

  it('refuses automatic captions for a video without sound', async () => {
    await insertReadyMedia(t.app.ctx.db, resource, { ...PROBE, audio: null });
    const r = await teacher.api('POST', `/api/videos/${resource.id}/captions/generate`, { lang: 'en' });
    assert.equal(r.status, 422);
    assert.equal(r.body.code, 'captions-no-audio');
    assert.equal((await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`)).body.hasAudio, false);
  });

  it('imports a hostile file in another encoding: sanitised, repaired, reported; the player gets a safe WebVTT', async () => {
    await insertReadyMedia(t.app.ctx.db, resource);
    const r = await importFile(teacher, t.app.url, resource.id, latin1(HOSTILE_VTT), { lang: 'fr-fr', kind: 'subtitles', fileName: 'cours.vtt' });
    assert.equal(r.status, 201, JSON.stringify(r.body));
    const body = r.body as ImportCaptionsResponse;
    assert.equal(body.track.lang, 'fr-FR');
    assert.equal(body.track.source, 'uploaded');
    assert.equal(body.track.label, 'Français (France)', 'named in its own language when the file gave no label');
    assert.equal(body.track.cueCount, 2);
    const codes = new Set(body.report.map((x) => x.code));
    for (const code of ['encoding-converted', 'markup-removed', 'overlap-trimmed'] as const) assert.ok(codes.has(code), `${code} reported: ${JSON.stringify(body.report)}`);

    const video = await learner.api('GET', `/api/videos/${resource.id}`);
    assert.deepEqual(video.body.captions.map((c: any) => [c.lang, c.version]), [['fr-FR', 1]]);
    const served = await fetch(video.body.captions[0].url);
    assert.equal(served.status, 200);
    assert.match(served.headers.get('content-type') ?? '', /^text\/vtt/);
    assert.match(served.headers.get('cache-control') ?? '', /immutable/);
    const text = await served.text();
    assert.doesNotMatch(text, /<script|<img|onerror/);
    const cues = parseWebVtt(text).cues;
    assert.match(cues[0]!.text, /Bonjour à tous/);
    assert.ok(cues[0]!.end <= cues[1]!.start, 'the overlap is gone');
    // A forged name under the same token is not a file.
    assert.equal((await fetch(video.body.captions[0].url.replace(/v1\.vtt$/, '..%2F..%2Fsource.vtt'))).status, 404);
    // Another course's track under this video's token (a signed URL is a grant for its media only).
    const stranger = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-9', roles: [ROLE.instructor], context: { id: 'other-course' } });
    const theirs = await createResource(t.app.ctx.db, { platform_id: stranger.platformId, context_id: stranger.contextId });
    await insertReadyMedia(t.app.ctx.db, theirs);
    const secret = (await importFile(stranger, t.app.url, theirs.id, new TextEncoder().encode('WEBVTT\n\n00:01.000 --> 00:02.000\nSecret\n'), { lang: 'en' })).body as ImportCaptionsResponse;
    const crossed = video.body.captions[0].url.replace(/captions\/[^/]+\/v1\.vtt$/, `captions/${secret.track.id}/v1.vtt`);
    assert.notEqual(crossed, video.body.captions[0].url);
    assert.equal((await fetch(crossed)).status, 404);
  });

  it('refuses binary, oversized and empty files, keeping nothing', async () => {
    await insertReadyMedia(t.app.ctx.db, resource);
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    const binary = await importFile(teacher, t.app.url, resource.id, png, { lang: 'fr' });
    assert.equal(binary.status, 422);
    assert.equal(binary.body.code, 'captions-file-binary');
    const huge = new TextEncoder().encode(`WEBVTT\n\n${'00:00:01.000 --> 00:00:02.000\nbla\n\n'.repeat(80_000)}`);
    const tooLarge = await importFile(teacher, t.app.url, resource.id, huge, { lang: 'fr' });
    assert.equal(tooLarge.status, 422);
    assert.equal(tooLarge.body.code, 'captions-file-too-large');
    const empty = await importFile(teacher, t.app.url, resource.id, new TextEncoder().encode('WEBVTT\n\nNOTE nothing here\n'), { lang: 'fr' });
    assert.equal(empty.body.code, 'captions-file-no-cues');
    assert.equal((await learner.api('GET', `/api/videos/${resource.id}`)).body.captions.length, 0);
  });

  it('saves edits as versions under new URLs, one per editing session, refuses a stale save, restores and exports', async () => {
    await insertReadyMedia(t.app.ctx.db, resource);
    const imported = await importFile(teacher, t.app.url, resource.id, new TextEncoder().encode('1\n00:00:01,000 --> 00:00:03,000\nfirst cue\n\n2\n00:00:04,000 --> 00:00:06,000\nsecond cue\n'), { lang: 'en' });
    const trackId = (imported.body as ImportCaptionsResponse).track.id;
    const v1 = await teacher.api<CaptionTrackDetail>('GET', `/api/captions/${trackId}`);
    assert.deepEqual(v1.body.cues.map((c) => c.text), ['first cue', 'second cue']);
    assert.equal(v1.body.durationSeconds, 120);

    const edited = [{ start: 1, end: 3, text: 'Premier sous-titre, édité' }, ...v1.body.cues.slice(1)];
    const v2 = await teacher.api<CaptionTrackDetail>('PUT', `/api/captions/${trackId}`, { baseVersion: 1, cues: edited });
    assert.equal(v2.status, 200, JSON.stringify(v2.body));
    assert.equal(v2.body.track.version, 2);
    assert.equal(v2.body.track.source, 'edited');
    assert.equal(v2.body.track.updatedBy, 'Inès Martin');
    assert.notEqual(v2.body.track.url, v1.body.track.url, 'a changed track never keeps its URL');
    assert.match(await (await fetch(v2.body.track.url)).text(), /Premier sous-titre, édité/);
    assert.match(await (await fetch(v1.body.track.url)).text(), /first cue/, 'the old version’s URL still serves the old text');

    // Someone else's save in between: refused, nothing lost on the server.
    const stale = await teacher.api('PUT', `/api/captions/${trackId}`, { baseVersion: 1, cues: edited });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.code, 'captions-version-conflict');
    // An autosave moments later: a new version, the same history entry.
    const v3 = await teacher.api<CaptionTrackDetail>('PUT', `/api/captions/${trackId}`, { baseVersion: 2, cues: [...edited, { start: 7, end: 9, text: 'Troisième <u>ligne</u> <script>x</script>' }] });
    assert.equal(v3.body.track.version, 3);
    assert.equal(v3.body.cues[2]!.text.includes('<script'), false);
    const history = await teacher.api('GET', `/api/captions/${trackId}/versions`);
    assert.deepEqual(history.body.versions.map((v: any) => [v.version, v.source]), [[3, 'edited'], [1, 'uploaded']]);

    const outside = await teacher.api('PUT', `/api/captions/${trackId}`, { baseVersion: 3, cues: [{ start: 200, end: 203, text: 'after the end' }] });
    assert.equal(outside.body.code, 'captions-cue-outside-video');
    const backwards = await teacher.api('PUT', `/api/captions/${trackId}`, { baseVersion: 3, cues: [{ start: 5, end: 4, text: 'x' }] });
    assert.equal(backwards.status, 400);

    const restored = await teacher.api<CaptionTrackDetail>('POST', `/api/captions/${trackId}/versions/1/restore`);
    assert.equal(restored.body.track.version, 4);
    assert.deepEqual(restored.body.cues.map((c) => c.text), ['first cue', 'second cue']);
    assert.equal((await teacher.api('POST', `/api/captions/${trackId}/versions/2/restore`)).status, 404, 'version 2 was replaced by 3 in the history');

    const srt = await fetch(`${t.app.url}/api/captions/${trackId}/export?format=srt`, { headers: { Authorization: `Bearer ${teacher.token}` } });
    assert.match(srt.headers.get('content-disposition') ?? '', /attachment; filename=".*\.en\.srt"/);
    assert.match(await srt.text(), /^1\r?\n00:00:01,000 --> 00:00:03,000\r?\nfirst cue/);
    const txt = await fetch(`${t.app.url}/api/captions/${trackId}/export?format=txt`, { headers: { Authorization: `Bearer ${teacher.token}` } });
    assert.match(await txt.text(), /first cue/);

    const renamed = await teacher.api('PATCH', `/api/captions/${trackId}`, { label: 'English (edited)', kind: 'captions' });
    assert.deepEqual([renamed.body.label, renamed.body.kind, renamed.body.version], ['English (edited)', 'captions', 4]);
    assert.equal((await teacher.api('DELETE', `/api/captions/${trackId}`)).status, 204);
    assert.equal((await learner.api('GET', `/api/videos/${resource.id}`)).body.captions.length, 0);
  });

  it('keeps each course’s teachers to their own tracks; a course copy lists its original’s, read-only', async () => {
    await insertReadyMedia(t.app.ctx.db, resource);
    const created = await teacher.api<CaptionTrackDetail>('POST', `/api/videos/${resource.id}/captions`, { lang: 'fr', kind: 'subtitles' });
    assert.equal(created.status, 201);
    assert.equal(created.body.cues.length, 0);
    assert.equal((await teacher.api('POST', `/api/videos/${resource.id}/captions`, { lang: 'fr' })).body.code, 'captions-track-exists');
    const trackId = created.body.track.id;

    const stranger = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-9', roles: [ROLE.instructor], context: { id: 'other-course' } });
    for (const [method, path, body] of [
      ['GET', `/api/captions/${trackId}`],
      ['PUT', `/api/captions/${trackId}`, { baseVersion: 1, cues: [] }],
      ['DELETE', `/api/captions/${trackId}`],
      ['GET', `/api/captions/${trackId}/export?format=vtt`],
    ] as const) {
      const r = await stranger.api(method, path, body);
      assert.ok([403, 404].includes(r.status), `${method} ${path} by another course's teacher: ${r.status}`);
    }
    assert.equal((await learner.api('GET', `/api/captions/${trackId}`)).status, 403);

    const teacherB = await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'teacher-1', roles: [ROLE.instructor], context: { id: 'course-B' } });
    const copy = await createResource(t.app.ctx.db, { platform_id: teacherB.platformId, context_id: teacherB.contextId, copied_from: resource.id, media_resource_id: resource.id });
    const listed = await teacherB.api<CaptionsResponse>('GET', `/api/videos/${copy.id}/captions`);
    assert.equal(listed.body.editable, false);
    assert.deepEqual(listed.body.tracks.map((x) => x.id), [trackId]);
    const refused = await teacherB.api('POST', `/api/videos/${copy.id}/captions/generate`, { lang: 'en' });
    assert.equal(refused.body.code, 'captions-of-original');
    // Read from the copy (the editor's cues, the export), never changed from it.
    assert.equal((await teacherB.api('GET', `/api/captions/${trackId}`)).status, 200);
    assert.equal((await teacherB.api('GET', `/api/captions/${trackId}/versions`)).status, 200);
    assert.equal((await teacherB.api('PUT', `/api/captions/${trackId}`, { baseVersion: 1, cues: [] })).body.code, 'captions-of-original');
    assert.equal((await teacherB.api('DELETE', `/api/captions/${trackId}`)).body.code, 'captions-of-original');
  });

  it('adopts, once, the caption files an earlier version kept beside an imported recording', async () => {
    const media = await insertReadyMedia(t.app.ctx.db, resource);
    const classroom = await createResource(t.app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, kind: 'classroom' });
    await t.app.ctx.db.insertInto('classroom_recordings').values({ platform_id: teacher.platformId, record_id: 'rec-1', resource_id: classroom.id, imported_resource_id: resource.id, import_status: 'done' }).execute();
    const dir = path.join(path.dirname(await mediaStorage(t.app.config.dataDir).sourcePath(teacher.platformId, media.id)), 'captions');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'fr-FR.vtt'), 'WEBVTT\n\n00:00.000 --> 00:02.000\nBonjour <script>x</script>\n');
    fs.writeFileSync(path.join(dir, 'index.json'), JSON.stringify([{ lang: 'fr-FR', label: 'Français', file: 'fr-FR.vtt' }, { lang: 'en', label: 'Escape', file: '../../secret.vtt' }]));
    assert.equal(await adoptCaptionFiles(t.app.ctx), 1);
    const tracks = (await learner.api('GET', `/api/videos/${resource.id}`)).body.captions;
    assert.deepEqual(tracks.map((c: any) => [c.lang, c.label]), [['fr-FR', 'Français']]);
    assert.doesNotMatch(await (await fetch(tracks[0].url)).text(), /<script/);
    assert.ok(fs.existsSync(path.join(dir, 'index.adopted.json')));
    assert.equal(await adoptCaptionFiles(t.app.ctx), 0, 'read once');
    assert.ok(fs.existsSync(path.join(t.app.config.dataDir, 'caption-files-adopted')), 'later starts skip the query');
  });

  it('carries the tracks people made to the video that replaces theirs, not the automatic ones', async () => {
    const old = await insertReadyMedia(t.app.ctx.db, resource);
    await importFile(teacher, t.app.url, resource.id, new TextEncoder().encode('WEBVTT\n\n00:01.000 --> 00:02.500\nMon texte corrigé\n'), { lang: 'fr' });
    await putTrackContent(t.app.ctx, { platformId: old.platform_id, mediaId: old.id }, { lang: 'en', source: 'automatic', cues: [{ start: 1, end: 2, text: 'machine words' }], by: null });
    await t.app.ctx.db.updateTable('video_media').set({ state: 'retired', retired_at: new Date() }).where('id', '=', old.id).execute();
    const replacement = await insertReadyMedia(t.app.ctx.db, resource);
    assert.deepEqual(await carryTracksFromReplaced(t.app.ctx, replacement.id), ['fr']);
    const tracks = (await teacher.api<CaptionsResponse>('GET', `/api/videos/${resource.id}/captions`)).body.tracks;
    assert.deepEqual(tracks.map((x) => [x.lang, x.source, x.version]), [['fr', 'uploaded', 1]]);
    assert.match(await (await fetch(tracks[0]!.url)).text(), /Mon texte corrigé/);
    assert.deepEqual(await carryTracksFromReplaced(t.app.ctx, replacement.id), [], 'once: the language is there now');
  });

  it('takes statements that name a caption track the video has, and refuses one in a language it has not', async () => {
    await insertReadyMedia(t.app.ctx.db, resource);
    await importFile(teacher, t.app.url, resource.id, new TextEncoder().encode('WEBVTT\n\n00:01.000 --> 00:02.500\nBonjour\n'), { lang: 'fr' });
    const shown = (lang: string) => [videoStatement('interacted', { result: { time: 3 }, context: { 'cc-subtitle-enabled': true, 'cc-subtitle-lang': lang } })];
    const post = (statements: unknown[]) => learner.api('POST', `/api/videos/${resource.id}/statements`, { statements });
    assert.equal((await post(shown('fr'))).status, 200);
    const refused = await post(shown('de'));
    assert.equal(refused.status, 400);
    assert.match(refused.body.detail ?? refused.body.reason ?? JSON.stringify(refused.body), /cc-subtitle-lang/);
  });

  it('counts the cues outside the limits in each version', async () => {
    await insertReadyMedia(t.app.ctx.db, resource);
    const created = await teacher.api<CaptionTrackDetail>('POST', `/api/videos/${resource.id}/captions`, { lang: 'en' });
    const cues = [
      { start: 1, end: 2.5, text: 'A readable cue.' },
      { start: 3, end: 3.4, text: 'Far too much text to read in less than half a second, really.' },
      { start: 3.2, end: 5, text: 'Overlapping the previous one' },
    ];
    const saved = await teacher.api<CaptionTrackDetail>('PUT', `/api/captions/${created.body.track.id}`, { baseVersion: 1, cues });
    const expected = new Set(checkCues(saved.body.cues, t.app.config.captions.limits).map((w) => w.index)).size;
    assert.ok(expected >= 2);
    assert.equal(saved.body.track.warningCount, expected);
  });
});
