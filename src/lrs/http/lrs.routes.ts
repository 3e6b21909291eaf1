import { Router, type NextFunction, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { authenticateLrs } from '../credentials/credential.service.js';
import { unstorableTextProblem } from '../statements/validation/storable-json.js';
import { XapiError } from '../xapi/xapi-error.js';
import { ABOUT } from './about.resource.js';
import { authorizationField, checkAlternateSyntax, isAlternateSyntax, mediaType, undoAlternateSyntax } from './alternate-syntax.js';
import type { XapiResource } from './xapi-resource.js';
import { lrsPrincipal, type XapiMethod, type XapiRequest } from './xapi-request.js';
import { negotiateVersion } from './xapi-version.js';
import { lrsResources } from './lrs-resources.js';
import { ALTERNATE_SYNTAX_CREDENTIAL_WINDOW, hasUnreadBody, rawBodyReader, StepwiseBody } from './request-body.js';

/**
 * The LRS at /xapi/ (xAPI 1.0.3 Communication). Every request goes through the same steps:
 * parameters and headers, the version header, the resource, the credential, and only then the
 * body, as bytes (statements may be multipart, documents any type): a client that is not
 * authenticated never has its body read. The alternate request syntax may carry its credential in
 * its form: without a valid Authorization header, at most ALTERNATE_SYNTAX_CREDENTIAL_WINDOW bytes
 * of it are read before the credential found there is checked. A refusal sent before the body was
 * read closes the connection.
 */
export function lrsRoutes(ctx: AppContext): Router {
  const router = Router({ caseSensitive: true, strict: false });
  const resources: Record<string, XapiResource> = lrsResources();
  const limit = ctx.config.lrs.bodyLimit;
  const readBody = rawBodyReader(limit);

  router.use('/xapi', versionHeader, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const path = req.path.replace(/\/+$/, '') || '/';
      let xreq = requestHead(req);
      // About answers without credentials or version header (Communication 2.8), and reads no body.
      if (path === '/about') {
        if (hasUnreadBody(req, res)) res.setHeader('Connection', 'close');
        return await dispatch(ABOUT, xreq, res);
      }
      const alternate = isAlternateSyntax(xreq);
      if (alternate) xreq = await readAlternateSyntax(req, res, xreq);
      const version = negotiateVersion(xreq.headers['x-experience-api-version']);
      res.setHeader('X-Experience-API-Version', version);
      const resource = resources[path];
      if (!resource) throw new XapiError(404, `${req.baseUrl}${path} is not an xAPI resource of this LRS.`);
      // The route's name in the request metrics (src/metrics/request-metrics.ts): a resource, never the raw path.
      res.locals.metricsRoute = `/xapi${path}`;
      res.locals.lrsPrincipal = await authenticateLrs(ctx, xreq.headers.authorization);
      res.locals.xapiVersion = version;
      if (!alternate) xreq.body = await readBody(req, res);
      await dispatch(resource, xreq, res);
    } catch (err) {
      if (err instanceof XapiError && err.status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="Amphi LRS", charset="UTF-8"');
      if (hasUnreadBody(req, res)) res.setHeader('Connection', 'close');
      next(err);
    }
  });

  /**
   * Communication 1.3: a credential is checked before the form is read past its first
   * ALTERNATE_SYNTAX_CREDENTIAL_WINDOW bytes. The request's own Authorization header, when it
   * holds a valid credential, is checked before any of the form is read; otherwise the form's
   * Authorization field, which the spec puts among the form's headers (it replaces the request's
   * header when both are sent, so a wrong header with a good field is served, as before).
   * Whichever was checked, the request is served with the credential undoAlternateSyntax leaves.
   */
  async function readAlternateSyntax(req: Request, res: Response, head: XapiRequest): Promise<XapiRequest> {
    checkAlternateSyntax(head);
    const encoding = head.headers['content-encoding'];
    if (encoding !== undefined && encoding.toLowerCase() !== 'identity') {
      throw new XapiError(415, `The alternate request syntax must be sent uncompressed (Content-Encoding: ${encoding} is not accepted).`);
    }
    const body = new StepwiseBody(req, res);
    const headerRefusal = await checkAuthorizationHeader(head.headers.authorization);
    if (headerRefusal !== undefined) {
      await body.readUpTo(ALTERNATE_SYNTAX_CREDENTIAL_WINDOW);
      if (!body.ended) {
        const field = authorizationField(body.bytes());
        if (field === undefined) throw headerRefusal;
        await authenticateLrs(ctx, field);
      }
    }
    const xreq = undoAlternateSyntax({ ...head, body: await body.readAll(limit) });
    checkStorableText(xreq);
    return xreq;
  }

  /** undefined when the header holds a valid credential, else the 401 to answer if the form holds none. */
  async function checkAuthorizationHeader(header: string | undefined): Promise<XapiError | undefined> {
    if (header === undefined) {
      return new XapiError(401, `Authentication required: send an Authorization header, or in the alternate request syntax an Authorization field within the first ${ALTERNATE_SYNTAX_CREDENTIAL_WINDOW / 1024} KiB of the form, before a large content field.`);
    }
    try {
      await authenticateLrs(ctx, header);
      return undefined;
    } catch (err) {
      if (err instanceof XapiError && err.status === 401) return err;
      throw err;
    }
  }

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
 * The XapiRequest without its body (read once the credential is checked): first value of each
 * query parameter, lower-cased headers.
 */
function requestHead(req: Request): XapiRequest {
  const params: Record<string, string> = {};
  const search = new URL(req.originalUrl, 'http://x').searchParams;
  for (const [k, v] of search) if (!(k in params)) params[k] = v;
  const headers: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v.join(', ') : v;
  const head: XapiRequest = {
    method: req.method.toUpperCase() as XapiMethod,
    params,
    headers,
    contentTypeHeader: headers['content-type'],
    contentType: mediaType(headers['content-type']),
    body: Buffer.alloc(0),
  };
  checkStorableText(head);
  return head;
}

/**
 * Parameters and headers (the alternate syntax takes both from a form) holding a NUL or a lone
 * surrogate are refused: they reach text columns and queries, which cannot hold them.
 */
function checkStorableText(xreq: XapiRequest): void {
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
}
