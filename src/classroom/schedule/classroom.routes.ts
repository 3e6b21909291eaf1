import { Router } from 'express';
import type { AppContext } from '../../app-context.js';

/** A classroom's settings, schedule and presentation. */
export function classroomRoutes(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
