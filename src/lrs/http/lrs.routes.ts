import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { authenticateLrs } from '../credentials/credential.service.js';
import { unstorableTextProblem } from '../statements/validation/storable-json.js';
import { XapiError } from '../xapi/xapi-error.js';
import { ABOUT } from './about.resource.js';
import { undoAlternateSyntax, mediaType } from './alternate-syntax.js';
import type { XapiResource } from './xapi-resource.js';
import { lrsPrincipal, xapiRequest, type XapiMethod, type XapiRequest } from './xapi-request.js';
import { negotiateVersion } from './xapi-version.js';
import { lrsResources } from './lrs-resources.js';

/**
 * The LRS at /xapi/ (xAPI 1.0.3 Communication). Every request goes through the same steps:
 * read the body as bytes (statements may be multipart, documents any type), undo the alternate
 * request syntax, check the version header, authenticate, then the resource's method handler.
 */
export function lrsRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: false });
  const resources: Record<string, XapiResource> = lrsResources();
  const limit = ctx.config.lrs.bodyLimit;

  router.use('/xapi', versionHeader, express.raw({ type: () => true, limit }), readRequest, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const path = req.path.replace(/\/+$/, '') || '/';
      const xreq = xapiRequest(res);
      // About answers without credentials or version header (Communication 2.8).
      if (path === '/about') return dispatch(ABOUT, xreq, res);
      const version = negotiateVersion(xreq.headers['x-experience-api-version']);
      res.setHeader('X-Experience-API-Version', version);
      const resource = resources[path];
      if (!resource) throw new XapiError(404, `${req.baseUrl}${path} is not an xAPI resource of this LRS.`);
      res.locals.lrsPrincipal = await authenticateLrs(ctx, xreq.headers.authorization);
      res.locals.xapiVersion = version;
      await dispatch(resource, xreq, res);
    } catch (err) {
      if (err instanceof XapiError && err.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Amphi LRS", charset="UTF-8"');
      next(err);
    }
  });

  async function dispatch(resource: XapiResource, xreq: XapiRequest, res: Response) {
    const method = xreq.method === 'HEAD' ? 'GET' : xreq.method;
    const handler = resource[method];
    if (!handler) {
      res.setHeader('Allow', allowed(resource));
      throw new XapiError(405, `${xreq.method} is not allowed here; allowed: ${allowed(resource)}.`);
    }
    await handler(ctx, xreq, lrsPrincipal(res), res);
  }
  return router;
}

/** Every answer names the version, refusals included (Communication 3.3); the negotiated one replaces it. */
function versionHeader(_req: Request, res: Response, next: NextFunction) {
  res.setHeader('X-Experience-API-Version', '1.0.3');
  next();
}

function allowed(resource: XapiResource): string {
  const methods = Object.keys(resource);
  if (methods.includes('GET')) methods.push('HEAD');
  return methods.join(', ');
}

/**
 * Builds the XapiRequest: first value of each query parameter, lower-cased headers, raw body.
 * Parameters and headers (the alternate syntax takes both from a form) holding a NUL or a lone
 * surrogate are refused here: they reach text columns and queries, which cannot hold them.
 */
function readRequest(req: Request, res: Response, next: NextFunction) {
  try {
    const params: Record<string, string> = {};
    const search = new URL(req.originalUrl, 'http://x').searchParams;
    for (const [k, v] of search) if (!(k in params)) params[k] = v;
    const headers: Record<string, string | undefined> = {};
    for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const base: XapiRequest = {
      method: req.method.toUpperCase() as XapiMethod,
      params,
      headers,
      contentTypeHeader: headers['content-type'],
      contentType: mediaType(headers['content-type']),
      body,
    };
    const xreq = undoAlternateSyntax(base);
    for (const [name, value] of Object.entries(xreq.params)) {
      const nameProblem = unstorableTextProblem(name);
      if (nameProblem) throw new XapiError(400, `The query parameter name ${JSON.stringify(name)} ${nameProblem}.`);
      const problem = unstorableTextProblem(value);
      if (problem) throw new XapiError(400, `${name}: ${problem}`);
    }
    for (const [name, value] of Object.entries(xreq.headers)) {
      const problem = value === undefined ? undefined : unstorableTextProblem(value);
      if (problem) throw new XapiError(400, `The ${name} header ${problem}.`);
    }
    res.locals.xapi = xreq;
    next();
  } catch (err) {
    next(err);
  }
}
