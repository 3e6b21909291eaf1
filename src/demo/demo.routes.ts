import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { AppError, NotFoundError } from '../http/errors.js';
import { localeFromAcceptLanguage, type Locale } from '../http/messages.js';
import { input, validate } from '../http/validate.js';
import { activityOf, answerAuthentication, loginInitiationUrl, personOf, type DemoActor } from './demo-platform.launch.js';
import { DEMO_CSS, FORM_POST_JS, activityPage, coursePage, formPostPage } from './demo-platform.pages.js';
import { loadLiveDemo, type LiveDemo } from './demo-platform.service.js';
import { Authenticate, CoursePage, OpenActivity } from './demo.schemas.js';

/**
 * The demo platform at PUBLIC_URL/demo/ (`amphi demo`): Moodle's course page, activity view,
 * launch.php, auth.php and certs.php in a few routes. Every route answers 404 unless a demo
 * platform exists and may run on this PUBLIC_URL (demo-platform.service.ts#loadLiveDemo).
 */
export function demoRoutes(ctx: AppContext): Router {
  const router = Router();
  router.get('/demo/assets/demo.css', asset('text/css', DEMO_CSS));
  router.get('/demo/assets/form-post.js', asset('text/javascript', FORM_POST_JS));
  router.get('/demo/jwks.json', requireDemo, jwks);
  router.get('/demo/', requireDemo, validate(CoursePage), course);
  router.get('/demo/activities/:resourceLinkId', requireDemo, validate(OpenActivity), activity);
  router.get('/demo/launch/:resourceLinkId', requireDemo, validate(OpenActivity), launch);
  router.get('/demo/auth', requireDemo, validate(Authenticate), authenticate);
  const publicUrl = ctx.config.http.publicUrl;
  const log = ctx.logger.child({ feature: 'demo', demo: true });

  async function requireDemo(_req: Request, res: Response, next: NextFunction) {
    const demo = await loadLiveDemo(ctx);
    if (!demo) throw new NotFoundError();
    res.locals.demo = demo;
    next();
  }

  function jwks(_req: Request, res: Response) {
    res.set('Cache-Control', 'no-store').json({ keys: [demoOf(res).publicJwk] });
  }

  function course(req: Request, res: Response) {
    const { query } = input<typeof CoursePage>(res);
    res.set('Cache-Control', 'no-store').type('html').send(coursePage(demoOf(res).course, query.lang ?? localeOf(req)));
  }

  function activity(req: Request, res: Response) {
    const { params, query } = input<typeof OpenActivity>(res);
    const { demo, found, actor, person } = opened(res, params.resourceLinkId, query);
    res.set('Cache-Control', 'no-store').type('html').send(activityPage(demo.course, found, actor, person, query.lang ?? localeOf(req)));
  }

  function launch(req: Request, res: Response) {
    const { params, query } = input<typeof OpenActivity>(res);
    const { demo, found, actor } = opened(res, params.resourceLinkId, query);
    res.set('Cache-Control', 'no-store').redirect(302, loginInitiationUrl(publicUrl, demo, found, actor, query.lang ?? localeOf(req)));
  }

  async function authenticate(req: Request, res: Response) {
    const { query } = input<typeof Authenticate>(res);
    const demo = demoOf(res);
    const answer = await answerAuthentication(publicUrl, demo, query);
    log.info({ platformId: demo.platform.id, sub: query.login_hint }, 'demo platform signed a launch');
    res.set('Cache-Control', 'no-store').type('html').send(formPostPage(answer, localeOf(req)));
  }
  return router;
}

function opened(res: Response, resourceLinkId: string, query: { as: 'teacher' } | { as: 'learner'; n: number }) {
  const demo = demoOf(res);
  const actor: DemoActor = query.as === 'teacher' ? { role: 'teacher' } : { role: 'learner', rank: query.n };
  const found = activityOf(demo.course, resourceLinkId);
  const person = personOf(demo.course, actor);
  if (!found || !person) throw new AppError('not-found', 404);
  return { demo, found, actor, person };
}

function demoOf(res: Response): LiveDemo {
  return res.locals.demo as LiveDemo;
}

function localeOf(req: Request): Locale {
  return localeFromAcceptLanguage(req.headers['accept-language']) ?? 'en';
}

function asset(type: string, body: string) {
  return (_req: Request, res: Response) => {
    res.set('Cache-Control', 'public, max-age=3600').type(type).send(body);
  };
}
