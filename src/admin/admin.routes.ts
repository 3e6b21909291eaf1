import crypto from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError, BadRequestError, NotFoundError } from '../http/errors.js';
import { input, validate } from '../http/validate.js';
import { ADMIN_COMMANDS, isAdminCommandName, runAdminCommand } from './admin-commands.js';
import { describeIssues } from '../http/validation-messages.js';

const RunCommand = z.object({
  params: z.object({ name: z.string() }),
  body: z.record(z.string(), z.unknown()),
});

/**
 * The admin endpoint the CLI uses while a server owns the embedded database (DESIGN.md).
 * Loopback only, and a token only readable from DATA_DIR.
 */
export function adminRoutes(ctx: AppContext, token: string): Router {
  const router = Router();
  router.post('/admin/api/commands/:name', requireLoopback, requireAdminToken(token), express.json({ limit: '64kb' }), validate(RunCommand), run);

  async function run(_req: Request, res: Response) {
    const { params, body } = input<typeof RunCommand>(res);
    if (!isAdminCommandName(params.name)) throw new NotFoundError({ command: params.name });
    const parsed = ADMIN_COMMANDS[params.name].args.safeParse(body, { reportInput: true });
    if (!parsed.success) {
      throw new BadRequestError('invalid-request', 400, { ...describeIssues(parsed.error.issues, { en: 'arguments', fr: 'arguments' }) });
    }
    res.json({ result: await runAdminCommand(ctx, params.name, parsed.data) });
  }
  return router;
}

function requireLoopback(req: Request, _res: Response, next: NextFunction) {
  const address = req.socket.remoteAddress ?? '';
  if (address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1') return next();
  next(new NotFoundError());
}

function requireAdminToken(token: string) {
  const expected = Buffer.from(token);
  return (req: Request, _res: Response, next: NextFunction) => {
    const given = Buffer.from(/^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '');
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return next();
    next(new AppError('admin-token-required', 401));
  };
}
