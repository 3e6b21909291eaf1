import { Router } from 'express';
import { requestLocale } from '../http/error-handler.js';
import { html, page } from '../http/html.js';
import { HOME_PAGE_MESSAGES } from './home-page.messages.js';

/**
 * `GET /`: nobody is meant to land here (people open Amphi from Moodle), so it points the
 * administrators who do to what they need. Public: it names only public endpoints.
 */
export function homePageRoutes(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    const locale = requestLocale(req);
    const t = (key: keyof typeof HOME_PAGE_MESSAGES) => HOME_PAGE_MESSAGES[key][locale];
    const item = (href: string, label: string, text: string) => html`<li><a href="${href}">${label}</a>${text}</li>`;
    res
      .set({ 'Cache-Control': 'no-cache', Vary: 'Accept-Language', 'Content-Language': locale })
      .type('html')
      .send(
        page({
          locale,
          title: t('title'),
          body: html`<h1>${t('heading')}</h1>
<p>${t('intro')}</p>
<h2>${t('linksHeading')}</h2>
<ul class="amphi-links">
${item('/lti/config', t('config'), t('configText'))}
<li><strong>${t('guide')}</strong>${t('guideText')}</li>
${item('/readyz', t('ready'), t('readyText'))}
</ul>`,
        }),
      );
  });
  return router;
}
