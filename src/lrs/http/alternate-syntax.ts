import { XapiError } from '../xapi/xapi-error.js';
import type { XapiMethod, XapiRequest } from './xapi-request.js';

/** Form fields that stand for headers in the alternate request syntax (Communication 1.3). */
const HEADER_FIELDS = new Map(
  ['Authorization', 'X-Experience-API-Version', 'Content-Type', 'Content-Length', 'If-Match', 'If-None-Match'].map((h) => [h.toLowerCase(), h.toLowerCase()]),
);
const METHODS: XapiMethod[] = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE'];

/** True for a request in the alternate syntax (Communication 1.3): `?method=` in the query string. */
export function isAlternateSyntax(req: Pick<XapiRequest, 'params'>): boolean {
  return req.params.method !== undefined;
}

/**
 * What can be checked of an alternate-syntax request before its form is read: a POST, `method`
 * alone in the query string (1.3.s3.b4), a form body. Returns the method it stands for.
 */
export function checkAlternateSyntax(req: Omit<XapiRequest, 'body'>): XapiMethod {
  const method = req.params.method!;
  if (req.method !== 'POST') throw new XapiError(400, `The alternate request syntax (?method=${method}) must be sent as a POST, not ${req.method}.`);
  const wanted = method.toUpperCase() as XapiMethod;
  if (!METHODS.includes(wanted)) throw new XapiError(400, `?method=${method} is not an HTTP method the LRS serves.`);
  const extra = Object.keys(req.params).filter((k) => k !== 'method');
  if (extra.length) throw new XapiError(400, `The alternate request syntax takes only "method" in the query string; found ${extra.join(', ')}.`);
  if (req.contentType !== 'application/x-www-form-urlencoded') {
    throw new XapiError(400, 'The alternate request syntax must send its fields (content, headers, parameters) as an application/x-www-form-urlencoded body.');
  }
  return wanted;
}

/**
 * The Authorization field of a form of which only `prefix` has been read: a field counts only
 * once the `&` after it has been read too (the last one may be cut short). The first one wins
 * here; the whole form is authenticated again once read.
 */
export function authorizationField(prefix: Buffer): string | undefined {
  const end = prefix.lastIndexOf(0x26);
  if (end < 0) return undefined;
  for (const [name, value] of new URLSearchParams(prefix.toString('utf8', 0, end))) {
    if (name.toLowerCase() === 'authorization') return value;
  }
  return undefined;
}

/**
 * Undoes the alternate request syntax: `POST ?method=PUT` with a form body whose fields carry the
 * headers, the parameters and `content`. Anything else in the query string is refused (1.3.s3.b4),
 * as is `method` on a request that is not a POST.
 */
export function undoAlternateSyntax(req: XapiRequest): XapiRequest {
  if (!isAlternateSyntax(req)) return req;
  const wanted = checkAlternateSyntax(req);
  const form = new URLSearchParams(req.body.toString('utf8'));
  const headers: Record<string, string | undefined> = { ...req.headers };
  delete headers['content-type'];
  delete headers['content-length'];
  const params: Record<string, string> = {};
  let content: string | undefined;
  for (const [name, value] of form) {
    const header = HEADER_FIELDS.get(name.toLowerCase());
    if (header) headers[header] = value;
    else if (name === 'content') content = value;
    else if (!(name in params)) params[name] = value;
  }
  if (/^2\./.test(headers['x-experience-api-version'] ?? '')) {
    throw new XapiError(400, 'xAPI 2.0 removed the alternate request syntax (Communication 1.3): send the method, headers and content as they are.');
  }
  if ((wanted === 'PUT' || wanted === 'POST') && content === undefined) {
    throw new XapiError(400, `The alternate request syntax for ${wanted} must carry the document or statements in a "content" form field.`);
  }
  const contentTypeHeader = headers['content-type'] ?? (content !== undefined ? 'application/json' : undefined);
  return {
    method: wanted,
    params,
    headers,
    contentTypeHeader,
    contentType: mediaType(contentTypeHeader),
    body: Buffer.from(content ?? '', 'utf8'),
  };
}

export function mediaType(header: string | undefined): string | undefined {
  const type = header?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}
