import { z } from 'zod';
import { command } from '../admin/admin-command.js';
import { AppError } from '../http/errors.js';
import { listAudit } from './audit-log.service.js';
import { eraseLearnerData, exportLearnerData } from './privacy.service.js';
import { getRetention, setRetention } from './retention.service.js';

const Learner = { platformId: z.string().min(1), userSub: z.string().min(1).max(255) };
const Days = z.number().int().min(1).max(3650).nullable().optional();

/**
 * `amphi gdpr export|erase`, `amphi platform retention`, `amphi audit list` (src/privacy/privacy.cli.ts).
 * Erasure asks for `confirm: true` here too: through the server, nothing else stands in its way.
 */
export const PRIVACY_ADMIN_COMMANDS = {
  'gdpr-export': command(z.object(Learner), (ctx, { platformId, userSub }) => exportLearnerData(ctx, platformId, userSub)),
  'gdpr-erase': command(z.object({ ...Learner, confirm: z.boolean().optional() }), async (ctx, { platformId, userSub, confirm }) => {
    if (confirm !== true) throw new AppError('erase-not-confirmed', 400);
    return eraseLearnerData(ctx, platformId, userSub);
  }),
  'platform-retention': command(
    z.object({ id: z.string().min(1), statementsDays: Days, videoViewsDays: Days, attendanceDays: Days, launchLogsDays: Days }),
    (ctx, { id, ...changes }) => setRetention(ctx, id, changes),
  ),
  'platform-retention-show': command(z.object({ id: z.string().min(1) }), (ctx, { id }) => getRetention(ctx, id)),
  'audit-list': command(z.object({ platformId: z.string().min(1).optional(), limit: z.number().int().min(1).max(10_000).optional() }), (ctx, filter) => listAudit(ctx.db, filter)),
};
