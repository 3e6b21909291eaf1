import { Router } from 'express';
import type { AppContext } from '../../app-context.js';

/** BigBlueButton's callbacks: meeting ended, recording ready, learning analytics. */
export function callbackRoutes(_ctx: AppContext): Router {
  const router = Router();
  return router;
}
