import { statementsResource } from '../statements/statement.resource.js';
import { activitiesResource } from '../activities/activities.resource.js';
import { agentsResource } from '../agents/agents.resource.js';
import { activityProfileResource, agentProfileResource } from '../documents/profile.resource.js';
import { stateResource } from '../documents/state.resource.js';
import type { XapiResource } from './xapi-resource.js';

/** Path under /xapi → resource. About is served before authentication (lrs.routes.ts). */
export function lrsResources(): Record<string, XapiResource> {
  return {
    '/statements': statementsResource,
    '/activities/state': stateResource,
    '/activities/profile': activityProfileResource,
    '/agents/profile': agentProfileResource,
    '/activities': activitiesResource,
    '/agents': agentsResource,
  };
}
