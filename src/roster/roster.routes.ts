import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { BadRequestError } from '../http/errors.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { GetRoster } from './roster.schemas.js';
import { getRoster } from './roster.service.js';
import { toRosterResponse } from './roster.view.js';

export function rosterRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/roster', requireLaunch(ctx, 'instructor'), validate(GetRoster), listRoster);

  /** The class list of the session's course, for its instructors. */
  async function listRoster(_req: Request, res: Response) {
    const { query } = input<typeof GetRoster>(res);
    const course = currentSession(res).context;
    if (!course) throw new BadRequestError('roster-needs-course', 400);
    const roster = await getRoster(ctx, course.id, { refresh: query.refresh === '1' ? 'force' : 'if-stale' });
    res.set('Cache-Control', 'no-store').json(toRosterResponse(roster));
  }

  return router;
}
