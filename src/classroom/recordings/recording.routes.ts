import { Router } from 'express';
import type { AppContext } from '../../app-context.js';

/** A classroom's recordings. */
export function recordingRoutes(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
