import express, { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { BadRequestError } from '../../http/errors.js';
import { input, validate } from '../../http/validate.js';
import { LoginParams, LoginRequest, RelaunchRequest } from './login.schemas.js';
import { restartLogin, startLogin } from './login.service.js';
import { cookiesCanBeSecure, setStateCookie } from './state-cookie.js';

export function loginRoutes(ctx: AppContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: ctx.config.http.bodyLimit, parameterLimit: 50 });
  router.get('/lti/login', validate(LoginRequest), login);
  router.post('/lti/login', form, validate(LoginRequest), login);
  router.get('/lti/login/new-window', validate(RelaunchRequest), newWindow);
  const secure = cookiesCanBeSecure(ctx.config.http.publicUrl);

  async function login(_req: express.Request, res: express.Response) {
    const { query, body } = input<typeof LoginRequest>(res);
    // Platforms send GET or POST; a POST's form wins over its query string.
    const parsed = LoginParams.safeParse({ ...query, ...body });
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      throw new BadRequestError('invalid-request', 400, { details });
    }
    const { nonce, redirectUrl } = await startLogin(ctx, parsed.data);
    setStateCookie(res, nonce, ctx.config.lti.stateTtlSeconds, secure);
    res.redirect(302, redirectUrl);
  }

  async function newWindow(_req: express.Request, res: express.Response) {
    const { query } = input<typeof RelaunchRequest>(res);
    const { nonce, redirectUrl } = await restartLogin(ctx, query.state);
    setStateCookie(res, nonce, ctx.config.lti.stateTtlSeconds, secure);
    res.redirect(302, redirectUrl);
  }
  return router;
}
