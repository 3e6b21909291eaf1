import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exceedsBytes, isIri, isMailto, isUuid } from '../../../../src/lrs/statements/validation/primitives.js';
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

/** An ASCII IRI of exactly `bytes` bytes. */
const iriOf = (bytes: number, base = 'https://example.com/') => base + 'a'.repeat(bytes - base.length);

describe('Lengths an index entry can hold (UTF-8 bytes)', () => {
  it('exceedsBytes counts UTF-8 bytes, not UTF-16 units', () => {
    assert.ok(!exceedsBytes('a'.repeat(1024), 1024));
    assert.ok(exceedsBytes('a'.repeat(1025), 1024));
    assert.ok(!exceedsBytes('é'.repeat(512), 1024), '512 × 2 bytes');
    assert.ok(exceedsBytes('é'.repeat(513), 1024));
    assert.ok(exceedsBytes('状'.repeat(342), 1024), '342 × 3 = 1026 bytes in 342 units');
    assert.ok(!exceedsBytes('😀'.repeat(256), 1024), '256 × 4 bytes in 512 units');
  });

  it('an IRI is at most 1024 bytes', () => {
    assert.ok(isIri(iriOf(1024)));
    assert.ok(!isIri(iriOf(1025)));
    assert.ok(!isIri(`https://example.com/${'状'.repeat(335)}`), '20 + 1005 bytes');
  });

  it('an mbox is at most 320 bytes', () => {
    const local = (n: number) => `mailto:${'m'.repeat(n - 'mailto:@x.example'.length)}@x.example`;
    assert.ok(isMailto(local(320)));
    assert.ok(!isMailto(local(321)));
  });

  it('names the property and the limit in the message, wherever the IRI is', () => {
    const long = iriOf(1025);
    rejects(withChange((s) => { s.verb.id = long; }), 'statement.verb.id: is 1025 bytes long in UTF-8; this LRS keeps at most 1024 bytes here');
    rejects(withChange((s) => { s.object.id = long; }), 'statement.object.id: is 1025 bytes');
    rejects(withChange((s) => { s.object.definition.type = long; }), 'statement.object.definition.type: is 1025 bytes');
    rejects(withChange((s) => { s.object.definition.moreInfo = long; }), 'statement.object.definition.moreInfo: is 1025 bytes');
    rejects(withChange((s) => { s.context.contextActivities.category = [{ id: long }]; }), 'statement.context.contextActivities.category[0].id: is 1025 bytes');
    rejects(withChange((s) => { s.actor = { openid: long }; }), 'statement.actor.openid: is 1025 bytes');
    rejects(withChange((s) => { s.result.extensions = { [long]: 1 }; }), 'statement.result.extensions: extension key');
    accepts(withChange((s) => { s.verb.id = iriOf(1024); s.object.id = iriOf(1024); s.result.extensions = { [iriOf(1024)]: 1 }; }));
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
