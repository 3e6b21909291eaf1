import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { requestLocale } from '../../http/error-handler.js';
import { html, page } from '../../http/html.js';
import { translate } from '../../http/messages.js';
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
  // BBB's logoutURL: where its tab lands when a person leaves or the meeting ends.
  router.get('/classroom/left', left);

  function left(req: Request, res: Response) {
    const locale = requestLocale(req);
    const title = translate(locale, 'join-left-title');
    res.type('html').send(page({ locale, title, body: html`<h1>${title}</h1><p>${translate(locale, 'join-left-body')}</p>` }));
  }

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
