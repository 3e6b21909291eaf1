import { Router } from 'express';
import type { AppContext } from '../../app-context.js';

/** A platform's BigBlueButton server, for its Moodle administrators. */
export function bbbServerRoutes(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
