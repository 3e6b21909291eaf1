import { z } from 'zod';
import { ClassroomSettingsInput } from '../classroom-settings.schemas.js';

const ResourceId = z.string().min(1).max(64);

export const ClassroomParams = z.object({ params: z.object({ resourceId: ResourceId }) });

const SettingsPatch = ClassroomSettingsInput.partial();

/**
 * PATCH body: title/description and any teacher setting, flat. Only the keys sent come out
 * (partial() would fill the others with their defaults, which would reset them); issues keep
 * their field paths (body.sessions.0.startTime).
 */
const PatchBody = z
  .record(z.string(), z.unknown())
  .transform((raw, ctx) => {
    const { title, description, ...settings } = raw;
    const basics = z.object({ title: z.string().trim().min(1, 'a title is required').max(255).optional(), description: z.string().trim().max(5000).optional() }).safeParse({ title, description });
    const parsed = SettingsPatch.safeParse(settings);
    for (const issue of [...(basics.error?.issues ?? []), ...(parsed.error?.issues ?? [])]) ctx.issues.push({ ...issue, input: undefined } as never);
    if (!basics.success || !parsed.success) return z.NEVER;
    const sent = Object.fromEntries(Object.entries(parsed.data).filter(([key]) => key in settings));
    return { ...basics.data, settings: sent };
  });

export const UpdateClassroom = ClassroomParams.extend({ body: PatchBody });

export const UploadPresentation = ClassroomParams.extend({
  query: z.object({ fileName: z.string().trim().min(1).max(255).optional() }),
});

export const PresentationFileParams = z.object({
  params: z.object({ token: z.string().min(10).max(2048), fileName: z.string().min(1).max(300) }),
});
