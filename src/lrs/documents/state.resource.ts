import type { Response } from 'express';
import type { XapiRequest } from '../http/xapi-request.js';
import type { XapiResource } from '../http/xapi-resource.js';
import { XapiError } from '../xapi/xapi-error.js';
import { readPreconditions, type PutHeaderPolicy } from './document-concurrency.js';
import {
  optionalDocumentId,
  optionalRegistration,
  optionalSince,
  refuseUnknownParameters,
  requireAccess,
  requireActivityId,
  requireAgentKey,
  requireDocumentId,
} from './document-parameters.js';
import { readUpload, sendDocument, sendDocumentIds, sendNoContent } from './document-response.js';
import { stateScope, type DocumentKey, type DocumentScope } from './document-scope.js';
import { deleteDocument, deleteDocuments, getDocument, listDocumentIds, postDocument, putDocument } from './document.service.js';

/**
 * State Resource, /xapi/activities/state (xAPI 1.0.3 Communication 2.3): documents in the context
 * of an Activity, an Agent and optionally a registration. Without stateId, GET lists the ids and
 * DELETE removes every document of that context. A request without registration addresses the
 * documents stored without one.
 */
const SINGLE = ['activityId', 'agent', 'registration', 'stateId'] as const;

export const stateResource: XapiResource = {
  async GET(ctx, xreq, principal, res) {
    requireAccess(principal, 'state/read');
    refuseUnknownParameters(xreq.params, [...SINGLE, 'since']);
    const scope = readScope(xreq);
    const since = optionalSince(xreq.params);
    const stateId = optionalDocumentId(xreq.params, 'stateId');
    if (stateId === undefined) return sendDocumentIds(res, await listDocumentIds(ctx.db, principal.platformId, scope, since));
    const doc = await getDocument(ctx.db, principal.platformId, { scope, documentId: stateId });
    if (!doc) throw new XapiError(404, `No state document ${JSON.stringify(stateId)} in this context.`);
    sendDocument(res, doc);
  },

  async PUT(ctx, xreq, principal, res) {
    requireAccess(principal, 'state/write');
    await putDocument(ctx.db, principal.platformId, readKey(xreq), readUpload(xreq), putPolicy(res));
    sendNoContent(res);
  },

  async POST(ctx, xreq, principal, res) {
    requireAccess(principal, 'state/write');
    await postDocument(ctx.db, principal.platformId, readKey(xreq), readUpload(xreq));
    sendNoContent(res);
  },

  async DELETE(ctx, xreq, principal, res) {
    requireAccess(principal, 'state/write');
    refuseUnknownParameters(xreq.params, SINGLE);
    const scope = readScope(xreq);
    const stateId = optionalDocumentId(xreq.params, 'stateId');
    if (stateId === undefined) await deleteDocuments(ctx.db, principal.platformId, scope);
    else await deleteDocument(ctx.db, principal.platformId, { scope, documentId: stateId }, readPreconditions(xreq.headers));
    sendNoContent(res);
  },
};

function readScope(xreq: XapiRequest): DocumentScope {
  return stateScope(requireActivityId(xreq.params), requireAgentKey(xreq.params), optionalRegistration(xreq.params));
}

function readKey(xreq: XapiRequest): DocumentKey {
  refuseUnknownParameters(xreq.params, SINGLE);
  const scope = readScope(xreq);
  return { scope, documentId: requireDocumentId(xreq.params, 'stateId') };
}

/** 1.0.3 lets State be overwritten without concurrency headers (3.1.s3); xAPI 2.0 gives State the profiles' rule. */
function putPolicy(res: Response): PutHeaderPolicy {
  return res.locals.xapiVersion === '2.0.0' ? 'required-to-overwrite' : 'optional';
}
