import type { Db } from '../db/database.js';
import { addUnusableCredential } from '../lrs/credentials/credential.service.js';
import { RESOURCE_ID_CUSTOM_PARAM } from '../lti/launch/launch-context.js';
import { storeRoster } from '../roster/roster.service.js';
import type { MediaProbe, TranscodeOutput } from '../video/ffmpeg/index.js';
import type { CourseModel, Person, Resource } from './course-model.js';
import { demoUuid } from './demo-ids.js';

const HOUR = 3_600_000;
const LIS = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const AGS_SCOPES = [
  'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
  'https://purl.imsglobal.org/spec/lti-ags/scope/score',
];

/** Moodle's LTI services URLs for the course (mod/lti/services.php), as its launches announce them. */
export function serviceUrls(model: CourseModel) {
  const base = `${model.platform.issuer}/mod/lti/services.php/${model.context.contextId}`;
  return {
    memberships: `${base}/bindings/1/memberships`,
    lineItems: `${base}/lineitems?type_id=1`,
    lineItem: (r: Resource) => `${base}/lineitems/${r.cmid}/lineitem?type_id=1`,
  };
}

/** The course, its people (ids filled into the model), activities, resources, media, roster and LRS credentials. */
export async function writeCourseRows(db: Db, model: CourseModel): Promise<void> {
  const urls = serviceUrls(model);
  const { context, deployment, platform } = model;
  const existing = await db.selectFrom('lti_contexts').select('id').where('deployment_id', '=', deployment.id).where('context_id', '=', context.contextId).executeTakeFirst();
  if (existing) throw new Error(`demo course: the platform already has a course ${context.contextId} (row ${existing.id}); use another course id or a fresh database`);
  await db
    .insertInto('lti_contexts')
    .values({
      id: context.id, deployment_id: deployment.id, context_id: context.contextId, title: context.title, label: context.label,
      types: JSON.stringify(['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering']),
      memberships_url: urls.memberships, lineitems_url: urls.lineItems, ags_scopes: JSON.stringify(AGS_SCOPES), updated_at: new Date(model.start),
    })
    .execute();
  await writeUsers(db, model);
  await writeResources(db, model);
  await storeRoster(db, {
    contextId: context.id,
    membershipsUrl: urls.memberships,
    members: [...model.teachers, ...model.learners].map((p) => ({
      user_id: p.sub, roles: [`${LIS}${p.role === 'instructor' ? 'Instructor' : 'Learner'}`], status: 'Active',
      name: p.name.name, given_name: p.name.givenName, family_name: p.name.familyName, email: p.name.email,
    })),
    fetchedAt: new Date(model.end - HOUR),
    note: null,
  });
  for (const c of Object.values(model.credentials)) {
    // Nobody knows the secret (a demo must not ship a usable one); `amphi lrs credentials create` makes real ones.
    await addUnusableCredential(db, { id: c.id, platformId: platform.id, name: c.name, key: c.key, scopes: ['statements/write', 'statements/read/mine', 'define'], authority: c.authority });
  }
}

/**
 * lti_users as launches write them. A person the platform already has (another demo course, a
 * real launch) keeps their row: the model takes its id.
 */
async function writeUsers(db: Db, model: CourseModel): Promise<void> {
  const people: Person[] = [...model.teachers, ...model.learners];
  for (let i = 0; i < people.length; i += 500) {
    const slice = people.slice(i, i + 500);
    await db
      .insertInto('lti_users')
      .values(slice.map((p) => ({
        id: demoUuid(model.seed, 'user', model.platform.issuer, p.sub),
        platform_id: model.platform.id, sub: p.sub, name: p.name.name, given_name: p.name.givenName, family_name: p.name.familyName,
        email: p.name.email, locale: p.locale, updated_at: new Date(model.start),
      })))
      .onConflict((oc) => oc.columns(['platform_id', 'sub']).doNothing())
      .execute();
    const ids = new Map((await db.selectFrom('lti_users').select(['id', 'sub']).where('platform_id', '=', model.platform.id).where('sub', 'in', slice.map((p) => p.sub)).execute()).map((r) => [r.sub, r.id]));
    for (const p of slice) p.userId = ids.get(p.sub)!;
  }
}

async function writeResources(db: Db, model: CourseModel): Promise<void> {
  const { context, platform, deployment } = model;
  const urls = serviceUrls(model);
  const creator = model.teachers[0]!.userId;
  const created = new Date(model.start - 14 * 24 * HOUR);
  const rows = [
    ...model.videos.map((v) => ({ r: v as Resource, kind: 'video' as const, settings: { allowDownload: false, completionThreshold: v.completionThreshold, chapters: [] }, at: new Date(Math.min(v.releasedAt, model.end) - 2 * 24 * HOUR) })),
    { r: model.classroom, kind: 'classroom' as const, settings: model.classroom.settings, at: created },
    { r: model.dashboards.instructors, kind: 'dashboard' as const, settings: { audience: 'instructors' }, at: created },
    { r: model.dashboards.learners, kind: 'dashboard' as const, settings: { audience: 'learners' }, at: created },
  ];
  await db
    .insertInto('resources')
    .values(rows.map(({ r, kind, settings, at }) => ({
      id: r.id, platform_id: platform.id, context_id: context.id, kind, title: r.title, description: '', created_by: creator,
      gradable: r.gradable, score_maximum: r.scoreMaximum, settings: JSON.stringify(settings), copied_from: null, media_resource_id: null, created_at: at, updated_at: at,
    })))
    .execute();
  await db
    .insertInto('lti_resource_links')
    .values(rows.map(({ r, at }) => ({
      id: r.linkRowId, deployment_id: deployment.id, context_id: context.id, resource_link_id: r.resourceLinkId, title: r.title, description: null,
      custom: JSON.stringify({ [RESOURCE_ID_CUSTOM_PARAM]: r.id }), lineitem_url: r.gradable ? urls.lineItem(r) : null,
      resource_id: r.id, bound_custom_resource_id: r.id, updated_at: at,
    })))
    .execute();
  const graded = rows.filter(({ r }) => r.gradable);
  if (graded.length) {
    await db
      .insertInto('grade_line_items')
      .values(graded.map(({ r, at }) => ({
        id: r.lineItemId!, platform_id: platform.id, context_id: context.id, resource_id: r.id, resource_link_id: r.linkRowId,
        url: urls.lineItem(r), label: r.title, score_maximum: r.scoreMaximum, tag: null, created_at: at, updated_at: at,
      })))
      .execute();
  }
  await db.insertInto('video_media').values(model.videos.map((v) => mediaRow(model, v, creator))).execute();
}

/**
 * A published, ready media as a finished transcode leaves it. No file exists: the player gets
 * URLs that answer 404 until the caller puts a real transcoded clip in this media's place
 * (`amphi demo` does: demo-videos.ts).
 */
function mediaRow(model: CourseModel, v: CourseModel['videos'][number], creator: string) {
  const sizeBytes = Math.round(v.durationSeconds * 180_000);
  const probe: MediaProbe = {
    formatName: 'mov,mp4,m4a,3gp,3g2,mj2', durationSeconds: v.durationSeconds, sizeBytes,
    video: { codec: 'h264', width: 1280, height: 720, frameRate: 25, rotation: 0 }, audio: { codec: 'aac', channels: 2, sampleRate: 48000 },
  };
  const output: TranscodeOutput = {
    master: 'master.m3u8',
    renditions: [
      { name: '360p', width: 640, height: 360, bandwidth: 900_000, playlist: '360p/index.m3u8' },
      { name: '720p', width: 1280, height: 720, bandwidth: 2_800_000, playlist: '720p/index.m3u8' },
    ],
    audioOnly: false, download: '720p.mp4', poster: 'poster.jpg', thumbnails: [], storyboard: null, durationSeconds: v.durationSeconds,
  };
  const ready = new Date(Math.min(v.releasedAt, model.end) - 2 * 24 * HOUR + 600_000);
  return {
    id: v.mediaId, platform_id: model.platform.id, resource_id: v.id, status: 'ready' as const, state: 'published' as const,
    file_name: `cours-${v.cmid}.mp4`, mime: 'video/mp4', size_bytes: sizeBytes, probe: JSON.stringify(probe), output: JSON.stringify(output),
    first_rendition_ready: true, job_id: null, progress: 1, progress_label: null, error: null, created_by: creator, created_at: new Date(ready.getTime() - 600_000), ready_at: ready, retired_at: null,
  };
}
