import { z } from 'zod';
import type { AdminCommand } from '../../admin/admin-command.js';
import { closeRegistrationCode, listRegistrationCodeViews, openRegistrationCode } from './registration-code.service.js';

/** The longest a registration URL may stay usable. */
export const MAX_REGISTRATION_CODE_TTL_SECONDS = 30 * 86400;

const OpenArgs = z.object({
  ttlSeconds: z.number().int().min(60).max(MAX_REGISTRATION_CODE_TTL_SECONDS).default(3600),
  note: z.string().trim().min(1).max(200).optional(),
});
const CloseArgs = z.object({ codeOrId: z.string().trim().min(1).max(200) });

/**
 * `amphi registration open|list|close` (spread into admin/admin-commands.ts): run by the CLI on
 * its own database or by the server holding the embedded one. The code is in `open`'s result only.
 */
export const REGISTRATION_ADMIN_COMMANDS = {
  'registration-open': {
    args: OpenArgs,
    run: (ctx, args: z.output<typeof OpenArgs>) => openRegistrationCode(ctx, args),
  },
  'registration-list': {
    args: z.object({}),
    run: (ctx) => listRegistrationCodeViews(ctx.db),
  },
  'registration-close': {
    args: CloseArgs,
    run: (ctx, { codeOrId }: z.output<typeof CloseArgs>) => closeRegistrationCode(ctx.db, codeOrId),
  },
} satisfies Record<string, AdminCommand>;
