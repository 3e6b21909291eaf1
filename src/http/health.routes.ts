import { Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { isMigrated } from '../db/migrate.js';

/** A dependency /readyz also waits for (media storage…): its name and, when not ready, why. */
export interface ReadinessCheck {
  name: string;
  check(): Promise<{ ok: true } | { ok: false; reason: string }>;
}

/**
 * `/healthz`: the process answers. `/readyz`: the database answers, its schema is current and
 * every `checks` entry (given by the composition root: this layer imports no feature) is ready.
 */
export function healthRoutes(db: Db, checks: ReadinessCheck[] = []): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await sql`select 1`.execute(db);
      const migrated = await isMigrated(db);
      const results = await Promise.all(checks.map(async (c) => ({ name: c.name, result: await c.check().catch((err: Error) => ({ ok: false as const, reason: err.message })) })));
      const failed = results.filter((r) => !r.result.ok);
      // Only what is not ready is named: the answer of a ready Amphi keeps its shape.
      const extra = Object.fromEntries(failed.map((r) => [r.name, r.result.ok ? 'ok' : r.result.reason]));
      const status = !migrated ? 'migrations pending' : failed.length ? `${failed.map((f) => f.name).join(', ')} not ready` : 'ready';
      res.set('Cache-Control', 'no-store').status(migrated && !failed.length ? 200 : 503).json({ status, database: 'ok', ...extra });
    } catch (err) {
      req.log.error({ err }, 'readiness check failed');
      res.set('Cache-Control', 'no-store').status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}
