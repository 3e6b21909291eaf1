import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIri, isUuid } from '../../../../src/lrs/statements/validation/primitives.js';
import { accepts, rejects, withChange } from './statement-fixtures.js';

describe('IRIs (Data 2.2.s4.b1.b8, 4.3)', () => {
  it('accepts absolute IRIs, including non-ASCII ones and URNs', () => {
    for (const iri of ['http://example.com/verbs/played', 'https://example.com/فعل/خواندن', 'urn:uuid:fd41c918-b88b-4b20-a0a5-a4c32391aaa0', 'tag:example.com,2024:x', 'http://ex.com/a%20b#frag']) {
      assert.ok(isIri(iri), iri);
    }
  });

  it('refuses values without a scheme, with spaces or forbidden characters, and the empty string', () => {
    for (const bad of ['', 'example.com/verbs/played', '/relative/path', 'http:', 'http://ex.com/a b', 'http://ex.com/<x>', '1http://ex.com', 'http://ex.com/%zz', 'not an iri']) {
      assert.ok(!isIri(bad), bad);
    }
  });

  it('names the offending property in the statement', () => {
    rejects(withChange((s) => { s.verb.id = 'adlnet.gov/expapi/verbs/attended'; }), 'statement.verb.id');
    rejects(withChange((s) => { s.object.definition.type = 'example.com/type'; }), 'statement.object.definition.type');
    rejects(withChange((s) => { s.object.definition.moreInfo = 'example.com/info'; }), 'statement.object.definition.moreInfo');
    rejects(withChange((s) => { s.actor = { openid: 'open.id.com/testUser' }; }), 'statement.actor.openid');
    rejects(withChange((s) => { s.actor.account.homePage = 'homePage.com/testUser'; }), 'statement.actor.account.homePage');
  });
});

describe('UUIDs (Data 4.4)', () => {
  it('accepts the standard string form in any case and variant', () => {
    for (const id of ['fd41c918-b88b-4b20-a0a5-a4c32391aaa0', 'FD41C918-B88B-4B20-A0A5-A4C32391AAA0', '00000000-0000-0000-0000-000000000000', 'fd41c918-b88b-1b20-c0a5-a4c32391aaa0']) {
      assert.ok(isUuid(id), id);
    }
  });

  it('refuses other forms', () => {
    for (const id of ['', 'fd41c918b88b4b20a0a5a4c32391aaa0', '{fd41c918-b88b-4b20-a0a5-a4c32391aaa0}', 'AA97B177-9383-4934-8543-0F91A7A028368', 'MA97B177-9383-4934-8543-0F91A7A02836', 'fd41c918-b88b-4b20-a0a5_a4c32391aaa0']) {
      assert.ok(!isUuid(id), id);
    }
  });

  it('applies to the statement id, the registration and statement references', () => {
    rejects(withChange((s) => { s.id = 'not-a-uuid'; }), 'statement.id');
    rejects(withChange((s) => { s.id = 12345; }), 'statement.id');
    rejects(withChange((s) => { s.context.registration = 'abc'; }), 'statement.context.registration');
    rejects(withChange((s) => { s.context.statement.id = 'abc'; }), 'statement.context.statement.id');
  });
});

describe('Extensions (Data 4.1)', () => {
  it('accepts any value, null included, and an empty map', () => {
    accepts(withChange((s) => { s.result.extensions = { 'http://example.com/ex': null, 'http://example.com/ey': '', 'http://example.com/ez': {} }; }));
    accepts(withChange((s) => { s.context.extensions = {}; s.object.definition.extensions = {}; }));
  });

  it('refuses keys that are not IRIs, wherever the map is', () => {
    rejects(withChange((s) => { s.result.extensions = { 'example.com/extension/wrong': 1 }; }), 'statement.result.extensions');
    rejects(withChange((s) => { s.context.extensions = { 'example.com/extension/wrong': 1 }; }), 'statement.context.extensions');
    rejects(withChange((s) => { s.object.definition.extensions = { 'not.valid.com/extension': 1 }; }), 'statement.object.definition.extensions');
  });

  it('refuses a map that is not an object', () => {
    rejects(withChange((s) => { s.result.extensions = ['http://example.com/ex']; }), 'statement.result.extensions');
  });
});
