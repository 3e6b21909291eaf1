import express, { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { BadRequestError } from '../../http/errors.js';
import { input, validate } from '../../http/validate.js';
import { allowFramingByPlatform } from '../launch/framing.js';
import type { PlatformRow } from '../platforms/platform.table.js';
import { LoginParams, LoginRequest, RelaunchRequest } from './login.schemas.js';
import { platformNamedByLogin, restartLogin, startLogin } from './login.service.js';
import { cookiesCanBeSecure, setStateCookie } from './state-cookie.js';
import { describeIssues } from '../../http/validation-messages.js';

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
    const fields = { ...query, ...body };
    // A refusal of a login that names a registered platform is shown in that platform's iframe.
    const framedBy = (platform: PlatformRow) => allowFramingByPlatform(res, platform);
    const parsed = LoginParams.safeParse(fields, { reportInput: true });
    if (!parsed.success) {
      const platform = await platformNamedByLogin(ctx, fields.iss, fields.client_id);
      if (platform) framedBy(platform);
      throw new BadRequestError('invalid-request', 400, { ...describeIssues(parsed.error.issues, { en: 'login', fr: 'connexion' }) });
    }
    const { nonce, redirectUrl } = await startLogin(ctx, parsed.data, framedBy);
    setStateCookie(res, nonce, ctx.config.lti.stateTtlSeconds, secure);
    res.redirect(302, redirectUrl);
  }

  async function newWindow(_req: express.Request, res: express.Response) {
    const { query } = input<typeof RelaunchRequest>(res);
    const { nonce, redirectUrl } = await restartLogin(ctx, query.state, (platform) => allowFramingByPlatform(res, platform));
    setStateCookie(res, nonce, ctx.config.lti.stateTtlSeconds, secure);
    res.redirect(302, redirectUrl);
  }
  return router;
}
