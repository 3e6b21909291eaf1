import type { Response } from 'express';
import type { LrsPrincipal } from '../credentials/lrs-principal.js';

export type XapiMethod = 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';

/**
 * A request to the LRS once the alternate request syntax (Communication 1.3) has been undone:
 * the method, parameters, headers and content the client meant, whichever way it sent them.
 * Handlers read this, never `req`.
 */
export interface XapiRequest {
  method: XapiMethod;
  /** Query parameters (or the form's non-header fields), first value of each. */
  params: Record<string, string>;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  /** Media type of the content, lower-cased, without parameters; undefined when none was sent. */
  contentType: string | undefined;
  /** The full Content-Type header, parameters included (multipart needs its boundary). */
  contentTypeHeader: string | undefined;
  body: Buffer;
}

export function lrsPrincipal(res: Response): LrsPrincipal {
  return res.locals.lrsPrincipal as LrsPrincipal;
}
