import { Router } from 'express';
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { isMigrated } from '../db/migrate.js';

/** `/healthz`: the process answers. `/readyz`: the database answers and its schema is current. */
export function healthRoutes(db: Db): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await sql`select 1`.execute(db);
      const migrated = await isMigrated(db);
      res.set('Cache-Control', 'no-store').status(migrated ? 200 : 503).json({ status: migrated ? 'ready' : 'migrations pending', database: 'ok' });
    } catch (err) {
      req.log.error({ err }, 'readiness check failed');
      res.set('Cache-Control', 'no-store').status(503).json({ status: 'unavailable', database: 'unreachable' });
    }
  });
  return router;
}
