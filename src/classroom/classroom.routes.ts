import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { attendanceRoutes } from './attendance/attendance.routes.js';
import { meetingRoutes } from './meetings/meeting.routes.js';
import { recordingRoutes } from './recordings/recording.routes.js';
import { classroomRoutes } from './schedule/classroom.routes.js';
import { bbbServerRoutes } from './servers/bbb-server.routes.js';

/** The classroom's API routes (src/classroom), one router per area; BBB's callbacks are mounted apart (app.ts). */
export function allClassroomRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(bbbServerRoutes(ctx));
  router.use(classroomRoutes(ctx));
  router.use(meetingRoutes(ctx));
  router.use(attendanceRoutes(ctx));
  router.use(recordingRoutes(ctx));
  return router;
}
