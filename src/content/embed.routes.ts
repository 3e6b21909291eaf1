import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { requestLocale } from '../http/error-handler.js';
import { html, page } from '../http/html.js';
import { validate } from '../http/validate.js';
import { EmbedLink } from './resource.schemas.js';

/**
 * `GET /embed/:resourceId`: where the placeholder Moodle's editor plugins put in a text points
 * (moodle-plugin/README.md). Moodle's filter_amphi turns it into a launch for the person viewing
 * the page; this page is for whoever follows the bare link (the filter off, the text copied
 * elsewhere). It says how to open the content and nothing about it: anyone may ask for any id.
 */
export function embedRoutes(_ctx: AppContext): Router {
  const router = Router();
  router.get('/embed/:resourceId', validate(EmbedLink), show);

  function show(req: Request, res: Response) {
    const fr = requestLocale(req) === 'fr';
    res
      .status(200)
      .set('Cache-Control', 'public, max-age=3600')
      .type('html')
      .send(
        page({
          locale: fr ? 'fr' : 'en',
          title: fr ? 'Contenu Amphi' : 'Amphi content',
          body: fr
            ? html`<h1>Ce contenu s’ouvre depuis votre cours</h1>
<p>Ce lien désigne une vidéo, une classe virtuelle ou un tableau de bord Amphi inséré dans un texte de votre cours Moodle. Ouvrez la page du cours où il figure : il s’y affiche pour vous, avec votre compte.</p>
<p>Si vous voyez ce lien dans Moodle au lieu du contenu, le filtre « Amphi » n’est pas activé sur ce site ou dans ce cours : signalez-le à votre enseignant ou à l’administrateur du site.</p>`
            : html`<h1>This content opens from your course</h1>
<p>This link names an Amphi video, virtual classroom or dashboard inserted in a text of your Moodle course. Open the course page it is on: it shows there, for you, with your account.</p>
<p>If you see this link in Moodle instead of the content, the “Amphi” filter is not enabled on this site or in this course: tell your teacher or the site administrator.</p>`,
        }),
      );
  }
  return router;
}
