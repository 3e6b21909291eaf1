import type { NextFunction, Request, Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { ForbiddenError, UnauthorizedError } from '../../http/errors.js';
import { readCookies } from '../login/state-cookie.js';
import { allowFramingByPlatform } from '../launch/framing.js';
import { hasRole, type AppRole } from '../launch/roles.js';
import { sessionFromToken, type LaunchSession } from './session.service.js';

export const SESSION_COOKIE = 'amphi-session';

/**
 * Route guard: a live launch session with at least `role`. The Bearer token is the rule; the
 * cookie is accepted only for safe methods (media, downloads), so a cross-site form cannot act
 * with it (SameSite=None cookies travel on cross-site requests).
 */
export function requireLaunch(ctx: AppContext, role: AppRole = 'learner') {
  return async (req: Request, res: Response, next: NextFunction) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const safe = req.method === 'GET' || req.method === 'HEAD';
    const token = bearer ?? (safe ? readCookies(req)[SESSION_COOKIE] : undefined);
    const session = token ? await sessionFromToken(ctx, token) : undefined;
    if (!session) return next(new UnauthorizedError('session-required', 401));
    res.locals.session = session;
    // A session's answers (a download opened in the frame, an error page) are framed by its platform only.
    const platform = await ctx.platforms.findById(session.platform.id);
    if (platform) allowFramingByPlatform(res, platform);
    req.log = req.log?.child({ sessionId: session.id, platformId: session.platform.id, role: session.role });
    if (!hasRole(session.role, role)) return next(new ForbiddenError({ required: role }));
    next();
  };
}

export function currentSession(res: Response): LaunchSession {
  return res.locals.session as LaunchSession;
}
