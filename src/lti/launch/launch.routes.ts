import express, { Router, type Request, type Response } from 'express';
import { recordLaunchTrace } from '../../lrs/traces/launch-trace.service.js';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../http/errors.js';
import { html, page } from '../../http/html.js';
import { localeFromAcceptLanguage, translate, type Locale } from '../../http/messages.js';
import { input, validate } from '../../http/validate.js';
import { clearStateCookie, cookiesCanBeSecure, hasStateCookie } from '../login/state-cookie.js';
import { SESSION_COOKIE } from '../session/require-launch.js';
import { toSessionResponse } from '../session/session-view.js';
import { signSessionToken } from '../session/session.service.js';
import { resolveLaunchRoute } from '../../content/launch-route.service.js';
import { AppPage } from './app-page.js';
import { allowFramingByPlatform } from './framing.js';
import { LaunchRequest } from './launch.schemas.js';
import { handleLaunch } from './launch.service.js';

export function launchRoutes(ctx: AppContext, publicDir: string): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false, limit: ctx.config.http.bodyLimit, parameterLimit: 20 });
  router.post('/lti/launch', form, validate(LaunchRequest), launch);

  const appPage = new AppPage(publicDir);
  const secure = cookiesCanBeSecure(ctx.config.http.publicUrl);

  async function launch(req: Request, res: Response) {
    const { body } = input<typeof LaunchRequest>(res);
    const outcome = await handleLaunch(ctx, {
      idToken: body.id_token,
      state: body.state,
      stateCookieHolds: (nonce) => hasStateCookie(req, nonce),
      platformKnown: (platform) => allowFramingByPlatform(res, platform),
      acceptLocale: localeFromAcceptLanguage(req.headers['accept-language']),
    }).catch((err: unknown) => {
      ctx.metrics.launches.inc({ outcome: err instanceof AppError ? err.code : 'error' });
      throw err;
    });
    ctx.metrics.launches.inc({ outcome: outcome.kind === 'session' ? 'success' : outcome.kind });
    if (outcome.kind === 'cookies-blocked') {
      res.status(200).set('Cache-Control', 'no-store').type('html').send(cookiesBlockedPage(outcome.state, outcome.locale));
      return;
    }
    clearStateCookie(res, outcome.nonce, secure);
    const session = outcome.session;
    const [{ token, expiresAt }, route] = await Promise.all([signSessionToken(ctx, session.id), resolveLaunchRoute(ctx, session)]);
    if (secure) {
      res.append(
        'Set-Cookie',
        `${SESSION_COOKIE}=${token}; Path=/; Max-Age=${ctx.config.lti.sessionTtlSeconds}; HttpOnly; SameSite=None; Secure; Partitioned`,
      );
    }
    req.log.info({ sessionId: session.id, platformId: session.platform.id, role: session.role, messageType: session.messageType }, 'launch');
    res.set('Cache-Control', 'no-store').type('html').send(
      appPage.render({ token, tokenExpiresAt: expiresAt.toISOString(), session: toSessionResponse(session, route) }, session.locale),
    );
    // After the page is sent: the person never waits for, nor sees a failure of, the trace.
    await recordLaunchTrace(ctx, session, route).catch((err: unknown) => req.log.error({ err, sessionId: session.id }, 'launch trace not recorded'));
  }
  return router;
}

function cookiesBlockedPage(state: string, locale: Locale): string {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  return page({
    locale,
    title: t('page.cookies.title'),
    body: html`<h1>${t('page.cookies.title')}</h1>
<p>${t('page.cookies.body')}</p>
<p><a class="amphi-button" href="/lti/login/new-window?state=${encodeURIComponent(state)}" target="_blank" rel="noopener">${t('page.cookies.button')}</a></p>`,
  });
}
