import type { XapiResource } from '../http/xapi-resource.js';
import { refuseUnknownParameters, requireAccess } from '../documents/document-parameters.js';
import { parseAgentParameter } from '../statements/validation/agent-parameter.js';
import { XapiError } from '../xapi/xapi-error.js';
import type { Agent } from '../xapi/xapi.types.js';

/**
 * Agents Resource, /xapi/agents (xAPI 1.0.3 Communication 2.4): the Person Object for an Agent.
 * Amphi has no directory that links one person's several identifiers, so the Person carries
 * what the request gave, each property as an array (2.4.s3.b3: "only include the information
 * associated with the requested Agent").
 */
export const agentsResource: XapiResource = {
  async GET(_ctx, xreq, principal, res) {
    requireAccess(principal, 'agents/read');
    refuseUnknownParameters(xreq.params, ['agent']);
    const agent = parseAgentParameter(xreq.params.agent, 'agent');
    // 2.4.s2: "The agent parameter is a normal Agent Object … It is not a Person Object, nor is it a Group."
    if (agent.objectType === 'Group') throw new XapiError(400, 'agent: must be an Agent, not a Group');
    res.status(200).type('application/json').send(JSON.stringify(toPerson(agent)));
  },
};

/** Person Object (2.4.s5): objectType "Person" and an array for each property the Agent has. */
export interface Person {
  objectType: 'Person';
  name?: string[];
  mbox?: string[];
  mbox_sha1sum?: string[];
  openid?: string[];
  account?: { homePage: string; name: string }[];
}

export function toPerson(agent: Agent): Person {
  const person: Person = { objectType: 'Person' };
  if (agent.name !== undefined) person.name = [agent.name];
  if (agent.mbox !== undefined) person.mbox = [agent.mbox];
  if (agent.mbox_sha1sum !== undefined) person.mbox_sha1sum = [agent.mbox_sha1sum];
  if (agent.openid !== undefined) person.openid = [agent.openid];
  if (agent.account !== undefined) person.account = [{ homePage: agent.account.homePage, name: agent.account.name }];
  return person;
}
