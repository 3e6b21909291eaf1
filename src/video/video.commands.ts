import { z } from 'zod';
import type { AdminCommand } from '../admin/admin-command.js';
import { AppError } from '../http/errors.js';
import { setPlatformUploadLimit } from './video.repository.js';

/** `amphi platform video-limit <platform id> 2GB|default`: a platform's own largest video upload. */
export const VIDEO_ADMIN_COMMANDS = {
  'platform-video-limit': {
    args: z.object({ id: z.string().min(1), bytes: z.number().int().min(1024).nullable() }),
    async run(ctx, { id, bytes }) {
      if (!(await setPlatformUploadLimit(ctx.db, id, bytes))) throw new AppError('unknown-platform-id', 404, { id });
      return { id, maxUploadBytes: bytes ?? ctx.config.video.maxUploadBytes, own: bytes !== null };
    },
  } satisfies AdminCommand<z.ZodObject<{ id: z.ZodString; bytes: z.ZodNullable<z.ZodNumber> }>>,
};
