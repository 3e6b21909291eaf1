import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { input, validate } from '../../http/validate.js';
import { currentSession, requireLaunch } from '../../lti/session/require-launch.js';
import { ClassroomParams, JoinClassroom } from './meeting.schemas.js';
import { endClassroomMeeting, getRoom, joinClassroom } from './meeting.service.js';

/** Joining a classroom: the room's state and the join itself (wire shapes in meeting.view.ts). */
export function meetingRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/classrooms/:resourceId/room', requireLaunch(ctx), validate(ClassroomParams), room);
  router.post('/api/classrooms/:resourceId/join', requireLaunch(ctx), validate(JoinClassroom), join);
  router.post('/api/classrooms/:resourceId/end', requireLaunch(ctx, 'instructor'), validate(JoinClassroom), end);

  async function room(_req: Request, res: Response) {
    const { params } = input<typeof ClassroomParams>(res);
    res.set('Cache-Control', 'no-store').json(await getRoom(ctx, currentSession(res), params.resourceId));
  }
  async function join(_req: Request, res: Response) {
    const { params } = input<typeof JoinClassroom>(res);
    res.set('Cache-Control', 'no-store').json(await joinClassroom(ctx, currentSession(res), params.resourceId));
  }
  async function end(_req: Request, res: Response) {
    const { params } = input<typeof JoinClassroom>(res);
    res.set('Cache-Control', 'no-store').json(await endClassroomMeeting(ctx, currentSession(res), params.resourceId));
  }
  return router;
}
