import type { XapiResource } from '../http/xapi-resource.js';
import { refuseUnknownParameters, requireAccess, requireActivityId } from '../documents/document-parameters.js';
import { getActivity } from './activity.service.js';

/** Activities Resource, /xapi/activities (xAPI 1.0.3 Communication 2.5): the full Activity Object. */
export const activitiesResource: XapiResource = {
  async GET(ctx, xreq, principal, res) {
    requireAccess(principal, 'activities/read');
    refuseUnknownParameters(xreq.params, ['activityId']);
    const activity = await getActivity(ctx.db, principal.platformId, requireActivityId(xreq.params));
    res.status(200).type('application/json').send(JSON.stringify(activity));
  },
};
