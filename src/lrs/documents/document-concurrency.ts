import crypto from 'node:crypto';
import { XapiError } from '../xapi/xapi-error.js';

/**
 * Optimistic concurrency for documents (xAPI 1.0.3 Communication 3.1): ETags, and the
 * If-Match / If-None-Match preconditions of RFC 2616 §14.24 and §14.26.
 */
export interface Preconditions {
  /** The If-Match header as sent: `*` or a list of entity tags. */
  ifMatch?: string | undefined;
  /** The If-None-Match header as sent. */
  ifNoneMatch?: string | undefined;
}

/**
 * What a PUT without either header may do (3.1.s4.b13):
 * - `always-required`: Activity and Agent Profiles; the client MUST send one (3.1.s3.b1), so a
 *   missing header is 409 Conflict over an existing document and 400 Bad Request otherwise
 *   (what the conformance suite checks for a new document).
 * - `required-to-overwrite`: State in xAPI 2.0, where State has the same controls: 409 over an
 *   existing document, accepted for a new one.
 * - `optional`: State in 1.0.3, which "will permit PUT, POST and DELETE requests without
 *   concurrency headers" (3.1.s3).
 */
export type PutHeaderPolicy = 'always-required' | 'required-to-overwrite' | 'optional';

/** 3.1.s4.b2 and b4: the quoted lower-case hex SHA-1 of the content. */
export function etagOf(content: Buffer): string {
  return `"${crypto.createHash('sha1').update(content).digest('hex')}"`;
}

export function readPreconditions(headers: Record<string, string | undefined>): Preconditions {
  return { ifMatch: headers['if-match'], ifNoneMatch: headers['if-none-match'] };
}

/**
 * Throws 412 Precondition Failed (3.1.s4.b9, b11) when the headers do not hold for the document
 * as it is (`currentEtag` undefined when there is none). A precondition that holds lets the
 * request go on.
 */
export function checkPreconditions(currentEtag: string | undefined, pre: Preconditions): void {
  if (pre.ifMatch !== undefined && !matches(pre.ifMatch, currentEtag)) {
    throw new XapiError(
      412,
      currentEtag === undefined
        ? 'If-Match was sent but there is no such document; nothing was changed.'
        : `If-Match ${pre.ifMatch} does not match the document's current ETag ${currentEtag}: it changed since you read it. GET it again, then retry with the new ETag.`,
    );
  }
  if (pre.ifNoneMatch !== undefined && matches(pre.ifNoneMatch, currentEtag)) {
    throw new XapiError(
      412,
      pre.ifNoneMatch.trim() === '*'
        ? 'If-None-Match: * was sent but the document already exists; nothing was changed. GET it, then PUT with If-Match set to its ETag.'
        : `If-None-Match ${pre.ifNoneMatch} matches the document's current ETag; nothing was changed.`,
    );
  }
}

/** 3.1.s4.b13–b15: a PUT without either header, by the resource's policy. */
export function checkPutHeaders(currentEtag: string | undefined, pre: Preconditions, policy: PutHeaderPolicy): void {
  if (pre.ifMatch !== undefined || pre.ifNoneMatch !== undefined || policy === 'optional') return;
  if (currentEtag !== undefined) {
    throw new XapiError(
      409,
      'A document already exists here and the PUT sent neither If-Match nor If-None-Match, so it was not replaced. ' +
        'Check the current state of the document (GET it), then PUT again with If-Match set to its ETag.',
    );
  }
  if (policy === 'always-required') {
    throw new XapiError(
      400,
      'A PUT to a profile resource must send If-Match (with the ETag of the document it replaces) or If-None-Match: * (to create it); xAPI Communication 3.1.',
    );
  }
}

/** True when an If-Match / If-None-Match value names the current entity (`*`: any entity). */
function matches(header: string, currentEtag: string | undefined): boolean {
  if (currentEtag === undefined) return false;
  const wanted = opaque(currentEtag);
  return header.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || opaque(t) === wanted;
  });
}

/**
 * The tag without weakness prefix or quotes, lower-cased: clients that unquote the ETag or
 * receive it weakened by a proxy still mean this content, and SHA-1 hex has no case.
 */
function opaque(tag: string): string {
  const t = tag.startsWith('W/') ? tag.slice(2) : tag;
  return t.replace(/^"|"$/g, '').toLowerCase();
}
