import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { requestLocale } from '../../http/error-handler.js';
import { html, page } from '../../http/html.js';
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
      dynamicRegistrationUrl: ctx.config.lti.dynamicRegistration === 'open' ? urls.registrationUrl : null,
      scopes: descriptor.scopes,
      claims: descriptor.claims,
    };
    if (req.accepts(['html', 'json']) === 'json') {
      res.json(values);
      return;
    }
    const fr = requestLocale(req) === 'fr';
    const row = (label: string, labelFr: string, value: string | string[] | undefined | null) =>
      value ? html`<tr><th scope="row">${fr ? labelFr : label}</th><td><code>${Array.isArray(value) ? value.join('\n') : value}</code></td></tr>` : '';
    res.type('html').send(
      page({
        locale: fr ? 'fr' : 'en',
        title: fr ? 'Configuration LTI' : 'LTI configuration',
        body: html`<h1>${fr ? 'Enregistrer Amphi dans Moodle' : 'Register Amphi in Moodle'}</h1>
${
  values.dynamicRegistrationUrl
    ? html`<h2>${fr ? 'Enregistrement dynamique (recommandé)' : 'Dynamic registration (recommended)'}</h2>
<p>${fr ? 'Dans Moodle : Administration du site › Plugins › Outils externes › Gérer les outils, collez cette URL puis « Ajouter LTI Advantage » :' : 'In Moodle: Site administration › Plugins › External tool › Manage tools, paste this URL and press “Add LTI Advantage”:'}</p>
<p><code data-testid="registration-url">${values.dynamicRegistrationUrl}</code></p>`
    : ''
}
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
