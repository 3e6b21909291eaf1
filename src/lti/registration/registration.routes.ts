import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { requestLocale } from '../../http/error-handler.js';
import { html, page } from '../../http/html.js';
import { translate } from '../../http/messages.js';
import { allowFramingBy } from '../../http/security-headers.js';
import { input, validate } from '../../http/validate.js';
import { RegisterRequest } from './openid-configuration.schema.js';
import { registerDynamically } from './registration.service.js';

export function registrationRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/lti/register', allowFramingByPlatform, validate(RegisterRequest), register);

  async function register(req: Request, res: Response) {
    const { query } = input<typeof RegisterRequest>(res);
    const result = await registerDynamically(ctx, { openidConfiguration: query.openid_configuration, registrationToken: query.registration_token, code: query.code });
    const locale = requestLocale(req);
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, unknown>) => translate(locale, key, params);
    res.set('Cache-Control', 'no-store').type('html').send(
      page({
        locale,
        title: t('page.registered.title'),
        scriptSrc: '/static/registration-close.js',
        body: html`<h1>${t('page.registered.title')}</h1>
<p data-client-id="${result.platform.client_id}" data-deployment-id="${result.deploymentId ?? ''}">${t('page.registered.body', { platform: result.platform.issuer })}</p>
<p><button type="button" id="amphi-close" class="amphi-button">${t('page.registered.close')}</button></p>`,
      }),
    );
  }
  return router;
}

/** The registering platform frames this page before it is registered (Moodle opens it in a modal). */
function allowFramingByPlatform(req: Request, res: Response, next: () => void) {
  const url = typeof req.query.openid_configuration === 'string' ? req.query.openid_configuration : '';
  try {
    const origin = new URL(url).origin;
    if (origin.startsWith('http')) allowFramingBy(res, [origin]);
  } catch {
    // validation answers the bad URL
  }
  next();
}
