import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateStatement, validateStatements } from '../../../../src/lrs/statements/validation/statement.validate.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';
import { aStatement, accepts, rejects, withChange } from './statement-fixtures.js';

describe('Statement shape (Data 2.2, 2.4)', () => {
  it('returns the statement as received, adding nothing', () => {
    const raw = aStatement();
    delete raw.id;
    const copy = structuredClone(raw);
    assert.deepEqual(validateStatement(raw, { version: '1.0.3' }), copy);
  });

  it('requires actor, verb and object', () => {
    for (const key of ['actor', 'verb', 'object']) rejects(withChange((s) => { delete s[key]; }), `statement.${key}`);
  });

  it('refuses unknown properties, wrong-case keys and null values', () => {
    rejects(withChange((s) => { s.objectType = 'Statement'; }), 'statement.objectType');
    rejects(withChange((s) => { s.Actor = s.actor; }), 'statement.Actor');
    rejects(withChange((s) => { s.result = null; }), 'statement.result');
    rejects(withChange((s) => { s.context.registration = null; }), 'statement.context.registration');
  });

  it('refuses a body that is not an object', () => {
    for (const raw of [null, 'statement', 42, true]) rejects(raw, 'statement');
  });

  it('accepts stored and authority given by the client (the LRS overwrites them)', () => {
    accepts(withChange((s) => { s.stored = '2024-03-01T10:15:31Z'; s.authority = { mbox: 'mailto:lrs@univ.example' }; }));
  });
});

describe('version (Data 2.4.10)', () => {
  it('1.0.3 accepts "1.0" and "1.0.x", refuses anything else', () => {
    for (const v of ['1.0', '1.0.0', '1.0.3', '1.0.9', '1.0.12']) accepts(withChange((s) => { s.version = v; }));
    for (const v of ['should fail', '0.9.9', '1.1.0', '2.0.0', '1.0.', '1.0.x', '1.0.3-beta', '']) {
      rejects(withChange((s) => { s.version = v; }), 'statement.version');
    }
    rejects(withChange((s) => { s.version = 1.0; }), 'statement.version');
  });

  it('2.0.0 requests may also send 2.0.x statements', () => {
    for (const v of ['2.0', '2.0.0', '1.0.3']) accepts(withChange((s) => { s.version = v; }), '2.0.0');
    rejects(withChange((s) => { s.version = '2.1.0'; }), 'statement.version', '2.0.0');
  });
});

describe('authority (Data 2.4.9)', () => {
  const alice = { mbox: 'mailto:alice@univ.example' };
  const app = { account: { homePage: 'http://lrs.example/oauth', name: 'consumer' } };

  it('an Agent, or an anonymous Group of exactly two Agents', () => {
    accepts(withChange((s) => { s.authority = alice; }));
    accepts(withChange((s) => { s.authority = { objectType: 'Group', member: [app, alice] }; }));
  });

  it('refuses identified Groups and Groups of one or three', () => {
    rejects(withChange((s) => { s.authority = { objectType: 'Group', mbox: 'mailto:g@x.example', member: [app, alice] }; }), 'statement.authority');
    rejects(withChange((s) => { s.authority = { objectType: 'Group', member: [alice] }; }), 'statement.authority.member');
    rejects(withChange((s) => { s.authority = { objectType: 'Group', member: [app, alice, { mbox: 'mailto:c@x.example' }] }; }), 'statement.authority.member');
  });
});

describe('voiding (Data 2.3.2)', () => {
  const voided = { id: 'http://adlnet.gov/expapi/verbs/voided', display: { 'en-US': 'voided' } };

  it('the voided verb needs a StatementRef object', () => {
    accepts({ actor: { mbox: 'mailto:admin@univ.example' }, verb: voided, object: { objectType: 'StatementRef', id: 'e05aa883-acaf-40ad-bf54-02c8ce485fb0' } });
    rejects({ actor: { mbox: 'mailto:admin@univ.example' }, verb: voided, object: { id: 'http://example.com/activity' } }, 'statement.object');
  });
});

describe('validateStatements (Communication 2.1.2)', () => {
  it('takes one statement or an array of them', () => {
    assert.equal(validateStatements(aStatement(), { version: '1.0.3' }).length, 1);
    const two = [aStatement(), withChange((s) => { s.id = '4b0d7bf5-3e2a-4d4a-8d43-5d9b2a6c1f00'; })];
    assert.equal(validateStatements(two, { version: '1.0.3' }).length, 2);
  });

  it('names the failing statement by its index', () => {
    const batch = [aStatement(), withChange((s) => { s.id = undefined; }), withChange((s) => { s.id = undefined; s.actor = { mbox: 'foo' }; })];
    assert.throws(() => validateStatements(batch, { version: '1.0.3' }), (e: unknown) =>
      e instanceof XapiError && e.params.reason === 'statements[2].actor.mbox: "foo" is not a mailto: IRI');
  });

  it('refuses an empty array and two statements with one id', () => {
    rejects([], 'statements');
    rejects([aStatement(), withChange((s) => { s.id = s.id.toUpperCase(); })], 'statements[1].id');
  });
});
