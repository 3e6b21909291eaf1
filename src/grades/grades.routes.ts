import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { GetGradebook, RecordScore, RetryGrades } from './grades.schemas.js';
import { getGradebook, giveScore, retryFailedScores } from './grades.service.js';

/** The gradebook of a resource, for the instructors of its course (wire shapes: grades.view.ts). */
export function gradesRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/resources/:id/grades', requireLaunch(ctx, 'instructor'), validate(GetGradebook), showGradebook);
  router.post('/api/resources/:id/scores', requireLaunch(ctx, 'instructor'), validate(RecordScore), createScore);
  router.post('/api/resources/:id/grades/retry', requireLaunch(ctx, 'instructor'), validate(RetryGrades), retryGrades);

  async function showGradebook(_req: Request, res: Response) {
    const { params } = input<typeof GetGradebook>(res);
    res.set('Cache-Control', 'no-store').json(await getGradebook(ctx, currentSession(res), params.id));
  }

  async function createScore(_req: Request, res: Response) {
    const { params, body } = input<typeof RecordScore>(res);
    res.status(202).json(await giveScore(ctx, currentSession(res), params.id, body));
  }

  async function retryGrades(_req: Request, res: Response) {
    const { params, body } = input<typeof RetryGrades>(res);
    res.status(202).json(await retryFailedScores(ctx, currentSession(res), params.id, body.userId));
  }

  return router;
}
