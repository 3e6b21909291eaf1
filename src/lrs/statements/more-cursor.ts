import { XapiError } from '../xapi/xapi-error.js';
import type { PageCursor } from './statement-query.js';

/**
 * The `more` link of a StatementResult (Data 2.5): the original parameters and where the page
 * ended, in one opaque token. The caller's credential still decides what it may read.
 */
export function encodeMore(params: Record<string, string>, after: PageCursor): string {
  const { more: _previous, ...original } = params;
  return Buffer.from(JSON.stringify({ p: original, s: after.stored, q: after.seq })).toString('base64url');
}

/** The parameters of the next page and the position to continue after. */
export function decodeMore(token: string): { params: Record<string, string>; after: PageCursor } {
  try {
    const { p, s, q } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: Record<string, string>; s: string; q: string };
    if (typeof p !== 'object' || p === null || typeof q !== 'string' || !/^\d{1,18}$/.test(q)) throw new Error('shape');
    if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(s) || Number.isNaN(Date.parse(s))) throw new Error('shape');
    for (const v of Object.values(p)) if (typeof v !== 'string') throw new Error('shape');
    return { params: p, after: { stored: s, seq: q } };
  } catch {
    throw new XapiError(400, 'This "more" link is not one this LRS issued.');
  }
}
