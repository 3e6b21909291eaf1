import { z } from 'zod';
import { ClassroomSettingsInput } from '../classroom/classroom-settings.schemas.js';
import { RESOURCE_KINDS } from './resource.table.js';

const Title = z.string().trim().min(1, 'a title is required').max(255);
const Description = z.string().trim().max(5000);
const ScoreMaximum = z.number().positive().max(100000);

/** Kind-specific basics at creation; each feature's issue adds its detailed settings. */
export const KindSettings = {
  // completionThreshold and chapters: set through PATCH /api/videos/:id (src/video checks chapters against the duration).
  video: z
    .object({
      allowDownload: z.boolean().default(false),
      completionThreshold: z.number().min(0.05).max(1).optional(),
      chapters: z.array(z.object({ startSeconds: z.number().min(0), title: z.string().trim().min(1).max(200) })).max(500).optional(),
    })
    .strict(),
  // Sessions, locks, attendance rule…: src/classroom/classroom-settings.schemas.ts (the presentation has its own upload).
  classroom: ClassroomSettingsInput,
  // scope 'resources': the dashboard shows only these resources of its course (src/analytics reads
  // them within the course, so an id from elsewhere shows nothing).
  dashboard: z
    .object({
      audience: z.enum(['instructors', 'learners']).default('instructors'),
      scope: z.enum(['course', 'resources']).default('course'),
      resourceIds: z.array(z.string().min(1).max(64)).max(200).default([]),
    })
    .strict(),
} as const;

const ResourceId = z.string().min(1).max(64);

const Basics = {
  title: Title,
  description: Description.default(''),
  gradable: z.boolean().default(false),
  scoreMaximum: ScoreMaximum.optional(),
};

export const CreateResource = z.object({
  body: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('video'), ...Basics, settings: KindSettings.video.prefault({}) }),
    z.object({ kind: z.literal('classroom'), ...Basics, settings: KindSettings.classroom.prefault({}) }),
    z.object({ kind: z.literal('dashboard'), ...Basics, settings: KindSettings.dashboard.prefault({}) }),
  ]),
});
export type CreateResourceInput = z.output<typeof CreateResource>['body'];

export const UpdateResource = z.object({
  params: z.object({ id: ResourceId }),
  body: z
    .object({
      title: Title.optional(),
      description: Description.optional(),
      gradable: z.boolean().optional(),
      scoreMaximum: ScoreMaximum.nullable().optional(),
      settings: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
});

export const ResourceParams = z.object({ params: z.object({ id: ResourceId }) });

export const ListResources = z.object({
  query: z.object({
    kind: z.enum(RESOURCE_KINDS).optional(),
    q: z.string().max(200).optional(),
    /** current (this course), all (this course and the teacher's own elsewhere) or a course id. */
    course: z.string().min(1).max(64).default('all'),
    limit: z.coerce.number().int().min(1).max(200).default(100),
  }),
});

export const SwitchResource = z.object({ body: z.object({ resourceId: ResourceId }) });

export const DeepLinkingResponse = z.object({
  body: z.object({
    items: z
      .array(z.object({ resourceId: ResourceId, documentTarget: z.enum(['iframe', 'window']).optional() }))
      .max(50, 'at most 50 items at once'),
  }),
});

/** A placeholder's link (moodle-plugin/): the resource id as Amphi makes them; the query (ph, w, h, sig) is Moodle's. */
export const EmbedLink = z.object({ params: z.object({ resourceId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'is not an Amphi resource id') }) });
