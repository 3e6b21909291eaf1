import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildRegistrationRequest, loadToolDescriptor } from '../../../src/lti/registration/tool-configuration.js';

const TOOL = 'https://purl.imsglobal.org/spec/lti-tool-configuration';

describe('registration request from lti-config.json', () => {
  it('announces a domain that matches target_link_uri, port included', () => {
    const request = buildRegistrationRequest('http://amphi.local:8443', undefined);
    assert.equal(request[TOOL].domain, 'amphi.local:8443');
    assert.equal(new URL(request[TOOL].target_link_uri).host, request[TOOL].domain);
  });

  it('asks only for scopes the platform supports', () => {
    const score = 'https://purl.imsglobal.org/spec/lti-ags/scope/score';
    assert.equal(buildRegistrationRequest('https://a.fr', [score, 'openid']).scope, score);
    assert.equal(buildRegistrationRequest('https://a.fr', undefined).scope.split(' ').length, loadToolDescriptor().scopes.length);
  });

  it('declares both message types and the claims Amphi needs', () => {
    const config = buildRegistrationRequest('https://a.fr', undefined)[TOOL];
    assert.deepEqual(config.messages.map((m) => m.type).sort(), ['LtiDeepLinkingRequest', 'LtiResourceLinkRequest']);
    for (const claim of ['sub', 'name', 'email']) assert.ok(config.claims.includes(claim), claim);
  });
});
