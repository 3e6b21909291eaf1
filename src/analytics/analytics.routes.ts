import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { input, validate } from '../http/validate.js';
import { currentSession, requireLaunch } from '../lti/session/require-launch.js';
import { CohortQuery, CourseOverviewQuery, GradesQuery, LearnerQuery, ResourceAnalyticsQuery, RiskQuery } from './analytics.schemas.js';
import { getCohort } from './cohort.service.js';
import { getCourseOverview } from './course-overview.service.js';
import { getGrades } from './grades-analytics.service.js';
import { today } from './indicators/calendar-days.js';
import { getLearnerAnalytics } from './learner-analytics.service.js';
import { getResourceAnalytics } from './resource-analytics.service.js';
import { getRisk } from './risk.service.js';

/** The analytics API (wire shapes and rules in analytics.view.ts). Teacher views need the instructor role; /me is anyone's own. */
export function analyticsRoutes(ctx: AppContext): Router {
  const router = Router();
  const instructor = requireLaunch(ctx, 'instructor');
  router.get('/api/analytics/course', instructor, validate(CourseOverviewQuery), overview);
  router.get('/api/analytics/course/cohort', instructor, validate(CohortQuery), cohort);
  router.get('/api/analytics/course/risk', instructor, validate(RiskQuery), risk);
  router.get('/api/analytics/course/grades', instructor, validate(GradesQuery), grades);
  router.get('/api/analytics/resources/:resourceId', instructor, validate(ResourceAnalyticsQuery), resource);
  router.get('/api/analytics/me', requireLaunch(ctx), validate(LearnerQuery), me);

  async function overview(_req: Request, res: Response) {
    const { query } = input<typeof CourseOverviewQuery>(res);
    send(res, await getCourseOverview(ctx, currentSession(res), { from: query.from, to: query.to }, query.dashboard));
  }
  async function cohort(_req: Request, res: Response) {
    const { query } = input<typeof CohortQuery>(res);
    send(res, await getCohort(ctx, currentSession(res), query.to ?? today(), query.window, query.dashboard));
  }
  async function risk(_req: Request, res: Response) {
    const { query } = input<typeof RiskQuery>(res);
    send(res, await getRisk(ctx, currentSession(res), query.to ?? today(), query.dashboard));
  }
  async function grades(_req: Request, res: Response) {
    const { query } = input<typeof GradesQuery>(res);
    send(res, await getGrades(ctx, currentSession(res), query.dashboard));
  }
  async function resource(_req: Request, res: Response) {
    const { params, query } = input<typeof ResourceAnalyticsQuery>(res);
    send(res, await getResourceAnalytics(ctx, currentSession(res), params.resourceId, query));
  }
  async function me(_req: Request, res: Response) {
    const { query } = input<typeof LearnerQuery>(res);
    send(res, await getLearnerAnalytics(ctx, currentSession(res), { from: query.from, to: query.to }, query.dashboard));
  }
  return router;
}

/** Learning data about people: never cached by a browser or a proxy. */
function send(res: Response, body: unknown): void {
  res.set('Cache-Control', 'no-store').json(body);
}
