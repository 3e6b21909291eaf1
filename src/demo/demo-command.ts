import { z } from 'zod';
import type { AdminCommand } from '../admin/admin-command.js';
import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import type { Learner, Person, Resource } from './course-model.js';
import type { DemoCourseSummary } from './demo-course.js';
import { findDemoPlatform, updateDemoCourse } from './demo-platform.repository.js';
import {
  DEMO_DEPLOYMENT_ID,
  DEMO_PLATFORM_NAME,
  assertDemoAllowed,
  createDemoPlatform,
  demoEndpoints,
  removeDemoPlatforms,
  type DemoActivity,
  type DemoCourse,
  type DemoPerson,
} from './demo-platform.service.js';
import { seedDemoCourse } from './demo-seeding.js';
import { makeDemoVideos, type DemoClipOptions, type DemoVideos } from './demo-videos.js';

export const DemoArgs = z.object({
  // The CLI waits for the server's answer (undici: 300 s without headers); 300 learners take about 70 s on PGlite.
  learners: z.number().int().min(1).max(1000).optional(),
  seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  reset: z.boolean().default(false),
  allowPublicUrl: z.boolean().default(false),
});

export interface DemoOutcome {
  /** false: a demo course was there already and is kept (`--reset` makes a new one). */
  created: boolean;
  url: string;
  platformId: string;
  course: { title: string; label: string; learners: number; activities: number };
  statements: number | null;
  /** The videos' clips, handed to the transcode jobs (null: a kept course, whose videos are as they were). */
  videos: DemoVideos | null;
}

/** Not for the CLI: tests make fewer videos, with short clips. */
export interface DemoTestOptions extends DemoClipOptions {
  videos?: number;
}

/** The same course every time unless asked: a newcomer and the README see the same names. */
const DEFAULT_SEED = 2025;

/**
 * `amphi demo`: the demo platform and its seeded course, made once (kept on later runs, made again
 * with `reset`), refused on a PUBLIC_URL others can reach unless the operator says so.
 */
export async function setUpDemo(ctx: AppContext, args: z.output<typeof DemoArgs>, testOptions: DemoTestOptions = {}): Promise<DemoOutcome> {
  const publicUrl = ctx.config.http.publicUrl;
  assertDemoAllowed(publicUrl, args.allowPublicUrl);
  const url = demoEndpoints(publicUrl).page;
  const existing = await findDemoPlatform(ctx.db);
  if (existing && !args.reset) {
    if (existing.platform.issuer !== demoEndpoints(publicUrl).issuer) {
      throw new AppError('demo-public-url-changed', 409, { issuer: existing.platform.issuer, publicUrl });
    }
    const course = JSON.parse(existing.demo.course) as DemoCourse;
    return { created: false, url, platformId: existing.platform.id, course: courseFacts(course), statements: null, videos: null };
  }
  // Also a half-made one (a crash while seeding): nothing of an old demo is kept.
  await removeDemoPlatforms(ctx);
  const platform = await createDemoPlatform(ctx, { allowPublicUrl: args.allowPublicUrl });
  try {
    const seeded = await seedDemoCourse(ctx, {
      seed: args.seed ?? DEFAULT_SEED,
      publicUrl,
      learners: args.learners,
      videos: testOptions.videos,
      platform: { id: platform.id, issuer: platform.issuer, name: DEMO_PLATFORM_NAME, clientId: platform.client_id, deploymentId: DEMO_DEPLOYMENT_ID },
    });
    const course = toDemoCourse(seeded);
    await updateDemoCourse(ctx.db, platform.id, JSON.stringify(course));
    ctx.logger.info({ feature: 'demo', demo: true, platformId: platform.id, statements: seeded.statements }, 'demo course seeded');
    // Never fails: a video without its clip simply has no media yet.
    const videos = await makeDemoVideos(ctx, seeded, testOptions);
    return { created: true, url, platformId: platform.id, course: courseFacts(course), statements: seeded.statements, videos };
  } catch (err) {
    // A half-seeded course would show broken dashboards: remove it all, the next run starts clean.
    await removeDemoPlatforms(ctx).catch((cleanup: unknown) => ctx.logger.error({ err: cleanup }, 'demo platform not removed after a failed seeding'));
    throw err;
  }
}

export const DEMO_ADMIN_COMMANDS = {
  demo: { args: DemoArgs, run: (ctx, args) => setUpDemo(ctx, args) } satisfies AdminCommand<typeof DemoArgs>,
};

function courseFacts(course: DemoCourse): DemoOutcome['course'] {
  return { title: course.context.title, label: course.context.label, learners: course.learners.length, activities: course.activities.length };
}

/**
 * What the demo platform shows of the generated course. The first learners listed are one of each
 * kind (steady, drifting away, never active), so the page's first links show the three.
 */
export function toDemoCourse(summary: DemoCourseSummary): DemoCourse {
  const { model, sampleLearners } = summary;
  const firsts = [sampleLearners.steady, sampleLearners.drifting, sampleLearners.neverActive]
    .map((ref) => ref && model.learners.find((l) => l.sub === ref.sub))
    .filter((l): l is Learner => !!l);
  const learners = [...firsts, ...model.learners.filter((l) => !firsts.includes(l))];
  const activity = (resource: Resource, kind: string): DemoActivity => ({ resourceLinkId: resource.resourceLinkId, resourceId: resource.id, kind, title: resource.title });
  return {
    context: { id: model.context.contextId, title: model.context.title, label: model.context.label },
    teachers: model.teachers.map((p) => person(p)),
    learners: learners.map((l) => person(l, l.profile)),
    activities: [
      ...model.videos.map((v) => activity(v, 'video')),
      activity(model.classroom, 'classroom'),
      activity(model.dashboards.instructors, 'dashboard'),
      activity(model.dashboards.learners, 'dashboard'),
    ],
  };
}

function person(p: Person, profile?: string): DemoPerson {
  return { sub: p.sub, name: p.name.name, givenName: p.name.givenName, familyName: p.name.familyName, email: p.name.email, ...(profile ? { profile } : {}) };
}
