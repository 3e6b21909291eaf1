import { Router } from 'express';
import type { AppContext } from '../../app-context.js';

/** Attendance per session and per learner. */
export function attendanceRoutes(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
