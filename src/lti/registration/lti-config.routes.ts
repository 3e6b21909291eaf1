import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { requestLocale } from '../../http/error-handler.js';
import { html, page } from '../../http/html.js';
import { translate, type Locale } from '../../http/messages.js';
import { loadToolDescriptor, toolUrls } from './tool-configuration.js';

/**
 * `GET /lti/config`: what an admin pastes into Moodle's "Configure a tool manually" form
 * (HTML for people, JSON for scripts).
 */
export function ltiConfigRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/lti/config', show);

  function show(req: Request, res: Response) {
    const descriptor = loadToolDescriptor();
    const urls = toolUrls(ctx.config.http.publicUrl, descriptor);
    const values = {
      toolName: descriptor.client_name,
      toolUrl: urls.targetLinkUri,
      ltiVersion: 'LTI 1.3',
      publicKeyType: 'Keyset URL',
      publicKeysetUrl: urls.jwksUri,
      initiateLoginUrl: urls.initiateLoginUri,
      redirectionUris: urls.redirectUris,
      contentSelectionUrl: urls.targetLinkUri,
      iconUrl: urls.logoUri,
      // code: each registration URL is single-use, made by the operator (amphi registration open).
      dynamicRegistration: ctx.config.lti.dynamicRegistration,
      dynamicRegistrationUrl: ctx.config.lti.dynamicRegistration === 'open' ? urls.registrationUrl : null,
      scopes: descriptor.scopes,
      claims: descriptor.claims,
    };
    if (req.accepts(['html', 'json']) === 'json') {
      res.json(values);
      return;
    }
    const locale = requestLocale(req);
    const fr = locale === 'fr';
    const row = (label: string, labelFr: string, value: string | string[] | undefined | null) =>
      value ? html`<tr><th scope="row">${fr ? labelFr : label}</th><td><code>${Array.isArray(value) ? value.join('\n') : value}</code></td></tr>` : '';
    res.type('html').send(
      page({
        locale,
        title: fr ? 'Configuration LTI' : 'LTI configuration',
        body: html`<h1>${fr ? 'Enregistrer Amphi dans Moodle' : 'Register Amphi in Moodle'}</h1>
${dynamicRegistrationSection(locale, values.dynamicRegistration, values.dynamicRegistrationUrl)}
<h2>${fr ? 'Configuration manuelle' : 'Manual configuration'}</h2>
<table class="amphi-table">
${row('Tool name', 'Nom de l’outil', values.toolName)}
${row('Tool URL', 'URL de l’outil', values.toolUrl)}
${row('LTI version', 'Version LTI', values.ltiVersion)}
${row('Public key type', 'Type de clé publique', values.publicKeyType)}
${row('Public keyset', 'Jeu de clés publiques', values.publicKeysetUrl)}
${row('Initiate login URL', 'URL d’initiation de connexion', values.initiateLoginUrl)}
${row('Redirection URI(s)', 'URI de redirection', values.redirectionUris)}
${row('Content Selection URL', 'URL de sélection de contenu', values.contentSelectionUrl)}
${row('Icon URL', 'URL de l’icône', values.iconUrl)}
</table>
<p>${fr ? 'Cochez « Prend en charge Deep Linking », activez les services de notes (AGS) et la liste des participants (NRPS), et partagez le nom et l’adresse de courriel des participants. Ensuite, sur le serveur Amphi : ' : 'Tick “Supports Deep Linking”, enable the grade (AGS) and membership (NRPS) services, and share the launcher’s name and email. Then, on the Amphi server: '}<code>amphi platform add --moodle &lt;moodle-url&gt; --client-id &lt;client id&gt; --deployment &lt;deployment id&gt;</code></p>`,
      }),
    );
  }
  return router;
}

/** What the Moodle administrator does for dynamic registration, in each LTI_DYNAMIC_REGISTRATION mode. */
function dynamicRegistrationSection(locale: Locale, mode: 'code' | 'open' | 'closed', url: string | null) {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  if (mode === 'closed') return html`<p data-testid="dynamic-registration">${t('page.ltiConfig.dynamicClosed')}</p>`;
  return html`<h2>${t('page.ltiConfig.dynamicTitle')}</h2>
${
  mode === 'open'
    ? html`<p>${t('page.ltiConfig.dynamicOpen')}</p>
<p><code data-testid="registration-url">${url}</code></p>`
    : html`<p data-testid="dynamic-registration">${t('page.ltiConfig.dynamicCode')}</p>`
}`;
}
