import crypto from 'node:crypto';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../app-context.js';
import { AppError, NotFoundError } from '../http/errors.js';
import { localeFromAcceptLanguage, type Locale } from '../http/messages.js';
import { input, validate } from '../http/validate.js';
import { activityOf, answerAuthentication, loginInitiationUrl, personOf, type DemoActor } from './demo-platform.launch.js';
import { DEMO_CSS, FORM_POST_JS, activityPage, coursePage, formPostPage } from './demo-platform.pages.js';
import { loadLiveDemo, type LiveDemo } from './demo-platform.service.js';
import { NRPS_MEDIA_TYPE, OAuthError, assertServiceToken, issueAccessToken, membershipContainer } from './demo-platform.services.js';
import { Authenticate, CoursePage, LineItemRequest, OpenActivity, ServiceRequest, TokenRequest } from './demo.schemas.js';

const SCOPE = {
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
  lineItem: 'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
};
const SERVICES = '/demo/mod/lti/services.php/:contextId';

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
  const form = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 10 });
  const lineItemJson = express.json({ limit: '16kb', type: ['application/vnd.ims.lis.v2.lineitem+json', 'application/json'] });
  router.post('/demo/token', requireDemo, form, validate(TokenRequest), token);
  router.get(`${SERVICES}/bindings/:binding/memberships`, requireDemo, validate(ServiceRequest), memberships);
  router.get(`${SERVICES}/lineitems`, requireDemo, validate(ServiceRequest), lineItems);
  router.post(`${SERVICES}/lineitems`, requireDemo, lineItemJson, validate(LineItemRequest), createLineItem);
  router.post(`${SERVICES}/lineitems/:itemId/lineitem/scores`, requireDemo, validate(ServiceRequest), score);
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
  async function token(_req: Request, res: Response) {
    const { body } = input<typeof TokenRequest>(res);
    try {
      res.set('Cache-Control', 'no-store').json(await issueAccessToken(ctx, demoOf(res), body));
    } catch (err) {
      if (!(err instanceof OAuthError)) throw err;
      res.status(err.error === 'invalid_client' ? 401 : 400).json({ error: err.error });
    }
  }

  async function memberships(req: Request, res: Response) {
    const { params } = input<typeof ServiceRequest>(res);
    await assertServiceToken(demoOf(res), req.headers.authorization, SCOPE.nrps);
    res.type(NRPS_MEDIA_TYPE).send(JSON.stringify(membershipContainer(demoOf(res), `${publicUrl}${req.originalUrl}`, params.contextId)));
  }

  /** The demo platform keeps no gradebook: no line items to list, new ones get an id and nothing more. */
  async function lineItems(req: Request, res: Response) {
    await assertServiceToken(demoOf(res), req.headers.authorization, SCOPE.lineItem);
    res.type('application/vnd.ims.lis.v2.lineitemcontainer+json').send('[]');
  }

  async function createLineItem(req: Request, res: Response) {
    const { params, body } = input<typeof LineItemRequest>(res);
    await assertServiceToken(demoOf(res), req.headers.authorization, SCOPE.lineItem);
    const id = `${publicUrl}/demo/mod/lti/services.php/${encodeURIComponent(params.contextId)}/lineitems/${crypto.randomInt(1e6, 1e7)}/lineitem?type_id=1`;
    res.status(201).type('application/vnd.ims.lis.v2.lineitem+json').send(JSON.stringify({ ...body, id }));
  }

  async function score(req: Request, res: Response) {
    const { params } = input<typeof ServiceRequest>(res);
    await assertServiceToken(demoOf(res), req.headers.authorization, SCOPE.score);
    log.info({ platformId: demoOf(res).platform.id, contextId: params.contextId, lineItem: params.itemId }, 'demo platform received a score (not kept)');
    res.status(204).end();
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
