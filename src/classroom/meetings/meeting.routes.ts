import { Router } from 'express';
import type { AppContext } from '../../app-context.js';

/** Joining a classroom: the room's state and the join itself. */
export function meetingRoutes(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
