import type { XapiRequest } from '../http/xapi-request.js';
import type { XapiResource } from '../http/xapi-resource.js';
import { XapiError } from '../xapi/xapi-error.js';
import { readPreconditions } from './document-concurrency.js';
import { optionalDocumentId, optionalSince, refuseUnknownParameters, requireAccess, requireActivityId, requireAgentKey, requireDocumentId } from './document-parameters.js';
import { readUpload, sendDocument, sendDocumentIds, sendNoContent } from './document-response.js';
import { activityProfileScope, agentProfileScope, type DocumentKey, type DocumentScope } from './document-scope.js';
import { deleteDocument, getDocument, listDocumentIds, postDocument, putDocument } from './document.service.js';

/** What tells one profile resource from the other: the parameter naming the owner and how it becomes a scope. */
interface ProfileOwner {
  parameter: 'activityId' | 'agent';
  noun: string;
  scope(params: Record<string, string>): DocumentScope;
}

/**
 * A profile resource (xAPI 1.0.3 Communication 2.6 / 2.7): documents about an Agent or an
 * Activity. Without profileId, GET lists the ids. A PUT must carry If-Match or If-None-Match
 * (3.1.s3.b1).
 */
function profileResource(owner: ProfileOwner): XapiResource {
  const single = [owner.parameter, 'profileId'] as const;
  const readKey = (xreq: XapiRequest): DocumentKey => {
    refuseUnknownParameters(xreq.params, single);
    return { scope: owner.scope(xreq.params), documentId: requireDocumentId(xreq.params, 'profileId') };
  };
  return {
    async GET(ctx, xreq, principal, res) {
      requireAccess(principal, 'profile/read');
      refuseUnknownParameters(xreq.params, [...single, 'since']);
      const scope = owner.scope(xreq.params);
      const since = optionalSince(xreq.params);
      const profileId = optionalDocumentId(xreq.params, 'profileId');
      if (profileId === undefined) return sendDocumentIds(res, await listDocumentIds(ctx.db, principal.platformId, scope, since));
      const doc = await getDocument(ctx.db, principal.platformId, { scope, documentId: profileId });
      if (!doc) throw new XapiError(404, `No profile document ${JSON.stringify(profileId)} for this ${owner.noun}.`);
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
}

/** /xapi/activities/profile (Communication 2.7). */
export const activityProfileResource = profileResource({
  parameter: 'activityId',
  noun: 'Activity',
  scope: (params) => activityProfileScope(requireActivityId(params)),
});

/** /xapi/agents/profile (Communication 2.6): an Agent or an identified Group, by its identifier. */
export const agentProfileResource = profileResource({
  parameter: 'agent',
  noun: 'Agent',
  scope: (params) => agentProfileScope(requireAgentKey(params)),
});
