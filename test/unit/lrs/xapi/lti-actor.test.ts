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

  it('email: the account form when the email would not be a valid mbox (space, no @, nothing after @, too long)', () => {
    const malformed = ['alice martin@univ.example', 'alice.univ.example', 'alice@', '@univ.example', 'a<b>@univ.example', `${'a'.repeat(320)}@univ.example`];
    for (const email of malformed) {
      const actor = ltiActor(byEmail, { sub: '1234', email, name: 'Alice Martin' });
      assert.deepEqual(actor, { objectType: 'Agent', account: { homePage: ISSUER, name: '1234' } }, email);
      const statement = { actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://amphi.example/videos/1' } };
      assert.doesNotThrow(() => validateStatement(statement, { version: '1.0.3' }), email);
    }
  });

  it('always gives a valid actor with exactly one identifier', () => {
    for (const actor of [ltiActor(pseudonymous, alice), ltiActor(byEmail, alice), ltiActor(byEmail, { sub: 'x' }), ltiActor(byEmail, { sub: 'x', email: 'not an email' })]) {
      const statement = { actor, verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' }, object: { id: 'https://amphi.example/videos/1' } };
      assert.deepEqual(validateStatement(statement, { version: '1.0.3' }).actor, actor);
      assert.equal(['mbox', 'mbox_sha1sum', 'openid', 'account'].filter((k) => k in actor).length, 1);
    }
  });
});
