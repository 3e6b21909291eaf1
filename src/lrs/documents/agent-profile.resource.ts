import type { XapiRequest } from '../http/xapi-request.js';
import type { XapiResource } from '../http/xapi-resource.js';
import { XapiError } from '../xapi/xapi-error.js';
import { readPreconditions } from './document-concurrency.js';
import { optionalDocumentId, optionalSince, refuseUnknownParameters, requireAccess, requireAgentKey, requireDocumentId } from './document-parameters.js';
import { readUpload, sendDocument, sendDocumentIds, sendNoContent } from './document-response.js';
import { agentProfileScope, type DocumentKey } from './document-scope.js';
import { deleteDocument, getDocument, listDocumentIds, postDocument, putDocument } from './document.service.js';

/**
 * Agent Profile Resource, /xapi/agents/profile (xAPI 1.0.3 Communication 2.6): documents
 * about an Agent (or an identified Group, by its identifier). Without profileId, GET lists the
 * ids. A PUT must carry If-Match or If-None-Match (3.1.s3.b1).
 */
const SINGLE = ['agent', 'profileId'] as const;

export const agentProfileResource: XapiResource = {
  async GET(ctx, xreq, principal, res) {
    requireAccess(principal, 'profile/read');
    refuseUnknownParameters(xreq.params, [...SINGLE, 'since']);
    const scope = agentProfileScope(requireAgentKey(xreq.params));
    const since = optionalSince(xreq.params);
    const profileId = optionalDocumentId(xreq.params, 'profileId');
    if (profileId === undefined) return sendDocumentIds(res, await listDocumentIds(ctx.db, principal.platformId, scope, since));
    const doc = await getDocument(ctx.db, principal.platformId, { scope, documentId: profileId });
    if (!doc) throw new XapiError(404, `No profile document ${JSON.stringify(profileId)} for this Agent.`);
    sendDocument(res, doc);
  },

  async PUT(ctx, xreq, principal, res) {
    requireAccess(principal, 'profile/write');
    await putDocument(ctx.db, principal.platformId, readKey(xreq), readUpload(xreq), 'always-required');
    sendNoContent(res);
  },

  async POST(ctx, xreq, principal, res) {
    requireAccess(principal, 'profile/write');
    await postDocument(ctx.db, principal.platformId, readKey(xreq), readUpload(xreq));
    sendNoContent(res);
  },

  async DELETE(ctx, xreq, principal, res) {
    requireAccess(principal, 'profile/write');
    await deleteDocument(ctx.db, principal.platformId, readKey(xreq), readPreconditions(xreq.headers));
    sendNoContent(res);
  },
};

function readKey(xreq: XapiRequest): DocumentKey {
  refuseUnknownParameters(xreq.params, SINGLE);
  return { scope: agentProfileScope(requireAgentKey(xreq.params)), documentId: requireDocumentId(xreq.params, 'profileId') };
}
