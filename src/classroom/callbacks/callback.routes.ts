import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { input, validate } from '../../http/validate.js';
import { AnalyticsCallback, EndCallback, RecordingReadyCallback } from './callback.schemas.js';
import { authenticateAnalytics, handleAnalytics, handleMeetingEnded, handleRecordingReady } from './callback.service.js';

/**
 * BigBlueButton's callbacks: meeting ended, recording ready, learning analytics. No session: the
 * URL's HMAC token and BBB's JWT (callback.service.ts) are the authentication.
 */
export function callbackRoutes(ctx: AppContext): Router {
  const router = Router();
  // The recording-ready form is the only urlencoded body Amphi reads: parsed here, for this route.
  const form = express.urlencoded({ extended: false, limit: '16kb' });
  // Mounted before the app's JSON parser: a large course's analytics (hundreds of attendees, polls)
  // is far over the API's body limit.
  const analyticsBody = express.json({ limit: '10mb', type: ['application/json'] });
  router.get('/classroom/callbacks/end/:token', validate(EndCallback), ended);
  router.get('/classroom/callbacks/recording-ready/:token', validate(RecordingReadyCallback), recordingReady);
  router.post('/classroom/callbacks/recording-ready/:token', form, validate(RecordingReadyCallback), recordingReady);
  router.post('/classroom/callbacks/analytics/:token', authenticated, analyticsBody, validate(AnalyticsCallback), analytics);

  /** Nobody gets 10 MB parsed without a valid URL token and BBB's signature. */
  async function authenticated(req: Request, _res: Response, next: NextFunction) {
    try {
      await authenticateAnalytics(ctx, String(req.params.token), bearerOf(req));
      next();
    } catch (err) {
      next(err);
    }
  }
  async function ended(_req: Request, res: Response) {
    const { params, query } = input<typeof EndCallback>(res);
    res.set('Cache-Control', 'no-store').json(await handleMeetingEnded(ctx, params.token, query));
  }
  async function recordingReady(_req: Request, res: Response) {
    const { params, query, body } = input<typeof RecordingReadyCallback>(res);
    res.set('Cache-Control', 'no-store').json(await handleRecordingReady(ctx, params.token, body.signed_parameters ?? query.signed_parameters));
  }
  async function analytics(req: Request, res: Response) {
    const { params, body } = input<typeof AnalyticsCallback>(res);
    res.set('Cache-Control', 'no-store').json(await handleAnalytics(ctx, params.token, bearerOf(req), body));
  }
  return router;
}

function bearerOf(req: Request): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
}
