import { XapiError } from '../xapi/xapi-error.js';

/**
 * The `more` link of a StatementResult (Data 2.5): the original parameters and where the page
 * ended, in one opaque token. The caller's credential still decides what it may read.
 */
export function encodeMore(params: Record<string, string>, afterSeq: string): string {
  const { more: _previous, ...original } = params;
  // seq is a bigint: the drivers hand it over as a string (pg) or a number (PGlite).
  return Buffer.from(JSON.stringify({ p: original, a: String(afterSeq) })).toString('base64url');
}

/** The parameters of the next page, `more` holding the position to continue after. */
export function decodeMore(token: string): Record<string, string> {
  try {
    const { p, a } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: Record<string, string>; a: string };
    if (typeof p !== 'object' || p === null || typeof a !== 'string' || !/^\d+$/.test(a)) throw new Error('shape');
    for (const v of Object.values(p)) if (typeof v !== 'string') throw new Error('shape');
    return { ...p, more: a };
  } catch {
    throw new XapiError(400, 'This "more" link is not one this LRS issued.');
  }
}
