import { Router } from 'express';
import type { AppContext } from '../app-context.js';
import { attendanceRoutes } from './attendance/attendance.routes.js';
import { callbackRoutes } from './callbacks/callback.routes.js';
import { meetingRoutes } from './meetings/meeting.routes.js';
import { recordingRoutes } from './recordings/recording.routes.js';
import { classroomRoutes } from './schedule/classroom.routes.js';
import { bbbServerRoutes } from './servers/bbb-server.routes.js';

/** Every classroom route (src/classroom), one router per area. */
export function allClassroomRoutes(ctx: AppContext): Router {
  const router = Router();
  router.use(callbackRoutes(ctx));
  router.use(bbbServerRoutes(ctx));
  router.use(classroomRoutes(ctx));
  router.use(meetingRoutes(ctx));
  router.use(attendanceRoutes(ctx));
  router.use(recordingRoutes(ctx));
  return router;
}
