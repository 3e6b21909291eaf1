import { z } from 'zod';
import type { AdminCommand } from '../admin/admin-command.js';
import { AppError } from '../http/errors.js';
import { setPlatformCaptionsAuto } from './tracks/caption-track.repository.js';

/** `amphi platform captions <platform id> auto|manual`: automatic captions after each upload, or only on a teacher's request. */
export const CAPTIONS_ADMIN_COMMANDS = {
  'platform-captions': {
    args: z.object({ id: z.string().min(1), auto: z.boolean() }),
    async run(ctx, { id, auto }) {
      if (!(await setPlatformCaptionsAuto(ctx.db, id, auto))) throw new AppError('unknown-platform-id', 404, { id });
      return { id, auto, lang: ctx.config.captions.autoLang, engine: ctx.speech.engineFor(ctx.config.captions.autoLang)?.name ?? null };
    },
  } satisfies AdminCommand<z.ZodObject<{ id: z.ZodString; auto: z.ZodBoolean }>>,
};
