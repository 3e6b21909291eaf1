import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateStatement } from '../../../../src/lrs/statements/validation/statement.validate.js';
import { agentKey } from '../../../../src/lrs/xapi/agent-key.js';
import { ltiActor } from '../../../../src/lrs/xapi/lti-actor.js';

const ISSUER = 'https://moodle.univ.example';
const pseudonymous = { issuer: ISSUER, lrsIdentity: 'pseudonymous' as const };
const byEmail = { issuer: ISSUER, lrsIdentity: 'email' as const };
const alice = { sub: '1234', email: 'alice@univ.example', name: 'Alice Martin' };

describe('ltiActor', () => {
  it('pseudonymous: an account on the issuer named by sub, and nothing else about the person', () => {
    const actor = ltiActor(pseudonymous, alice);
    assert.deepEqual(actor, { objectType: 'Agent', account: { homePage: ISSUER, name: '1234' } });
    const text = JSON.stringify(actor);
    assert.doesNotMatch(text, /alice|Martin/i);
    assert.equal(agentKey(actor), `account:${ISSUER}|1234`);
  });

  it('email: mbox and name when the platform sent an email', () => {
    assert.deepEqual(ltiActor(byEmail, alice), { objectType: 'Agent', mbox: 'mailto:alice@univ.example', name: 'Alice Martin' });
    assert.deepEqual(ltiActor(byEmail, { sub: '7', email: ' bob@univ.example ', name: null }), { objectType: 'Agent', mbox: 'mailto:bob@univ.example' });
  });

  it('email: the account form when the launch carried no email', () => {
    for (const email of [undefined, null, '', '  ']) {
      assert.deepEqual(ltiActor(byEmail, { sub: '1234', email, name: 'Alice Martin' }), {
        objectType: 'Agent',
        account: { homePage: ISSUER, name: '1234' },
      });
    }
  });

  it('always gives a valid actor with exactly one identifier', () => {
    for (const actor of [ltiActor(pseudonymous, alice), ltiActor(byEmail, alice), ltiActor(byEmail, { sub: 'x' })]) {
      const statement = { actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://amphi.example/videos/1' } };
      assert.deepEqual(validateStatement(statement, { version: '1.0.3' }).actor, actor);
      assert.equal(['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => k in actor).length, 1);
    }
  });
});
