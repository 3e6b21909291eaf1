import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { attendanceCsv } from './attendance-csv.js';
import { AttendanceQuery } from './attendance.schemas.js';
import { getAttendance } from './attendance.service.js';

/** Attendance per session and per learner (wire shape in attendance.view.ts); ?format=csv for a spreadsheet. */
export function attendanceRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/classrooms/:resourceId/attendance', requireLaunch(ctx, 'instructor'), validate(AttendanceQuery), show);

  async function show(_req: Request, res: Response) {
    const { params, query } = input<typeof AttendanceQuery>(res);
    const attendance = await getAttendance(ctx, currentSession(res), params.resourceId);
    res.set('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`attendance-${params.resourceId}.csv`).send(attendanceCsv(attendance));
      return;
    }
    res.json(attendance);
  }
  return router;
}
