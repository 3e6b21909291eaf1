import { z } from 'zod';
import { command } from '../admin/admin-command.js';
import { migrateMediaToS3 } from './media-migrate.service.js';

/**
 * `media-migrate`: the local media library copied to the bucket (media-migrate.service.ts). The
 * CLI runs it in its own process (media-migrate.cli.ts: a long copy, progress on the terminal);
 * through the admin endpoint, progress goes to the server's log.
 */
export const MEDIA_MIGRATE_ADMIN_COMMANDS = {
  'media-migrate': command(z.object({ to: z.literal('s3') }), (ctx) =>
    migrateMediaToS3(ctx.config, (p) => ctx.logger.info({ ...p }, 'media copied to the bucket')),
  ),
};
