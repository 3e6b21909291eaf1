import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStatement, pickLanguage } from '../../../src/lrs/statements/statement-format.js';
import type { StoredStatement } from '../../../src/lrs/xapi/xapi.types.js';

/** A stored statement whose object is a SubStatement about an Activity, done by an identified Group. */
function stored(): StoredStatement {
  return {
    id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    actor: { objectType: 'Agent', name: 'Alice', mbox: 'mailto:alice@univ.example' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-GB': 'attended', 'en-US': 'attended (US)', 'ja-JP': '出席した' } },
    object: {
      objectType: 'SubStatement',
      actor: { objectType: 'Group', name: 'Group Identified', mbox: 'mailto:group@univ.example', member: [{ mbox: 'mailto:bob@univ.example' }] },
      verb: { id: 'http://adlnet.gov/expapi/verbs/planned', display: { 'en-US': 'planned', 'en-GB': 'planned (GB)' } },
      object: {
        objectType: 'Activity',
        id: 'http://www.example.com/unicode',
        definition: {
          name: { en: 'Other', 'en-GB': 'attended', 'en-US': 'attended (US)' },
          description: { 'en-US': 'On this map', 'en-GB': 'On this map (GB)' },
          type: 'http://adlnet.gov/expapi/activities/cmi.interaction',
          interactionType: 'choice',
          choices: [{ id: 'a', description: { 'en-US': 'A', fr: 'A (fr)' } }],
          extensions: { 'http://example.com/ext': { 'en-US': 'kept' } },
        },
      },
    },
    context: {
      instructor: { objectType: 'Group', name: 'Staff', member: [{ name: 'Prof', mbox: 'mailto:prof@univ.example' }] },
      contextActivities: { category: [{ id: 'http://example.com/cat', definition: { name: { 'en-US': 'Cat', 'en-GB': 'Cat (GB)' } } }] },
    },
    result: { success: true },
    timestamp: '2024-03-01T10:15:30.123Z',
    stored: '2024-03-01T10:15:31.000Z',
    authority: { objectType: 'Agent', name: 'LRS', account: { homePage: 'https://amphi.example', name: 'cred-1' } },
    version: '1.0.0',
  };
}

describe('formatStatement (Communication 2.1.3 format)', () => {
  it('exact returns the statement unchanged', () => {
    assert.deepEqual(formatStatement(stored(), 'exact', ['en-GB']), stored());
  });

  it('ids keeps only identifiers of agents, groups, activities and verbs', () => {
    const s = formatStatement(stored(), 'ids', []);
    const sub = s.object as any;
    assert.deepEqual(s.actor, { objectType: 'Agent', mbox: 'mailto:alice@univ.example' });
    assert.deepEqual(s.verb, { id: 'http://adlnet.gov/expapi/verbs/attended' });
    assert.deepEqual(sub.actor, { objectType: 'Group', mbox: 'mailto:group@univ.example' });
    assert.deepEqual(sub.verb, { id: 'http://adlnet.gov/expapi/verbs/planned' });
    assert.deepEqual(sub.object, { id: 'http://www.example.com/unicode' });
    // An anonymous Group is identified by its members.
    assert.deepEqual(s.context?.instructor, { objectType: 'Group', member: [{ mbox: 'mailto:prof@univ.example' }] });
    assert.deepEqual(s.context?.contextActivities, { category: [{ id: 'http://example.com/cat' }] });
    assert.deepEqual(s.authority, { objectType: 'Agent', account: { homePage: 'https://amphi.example', name: 'cred-1' } });
    assert.deepEqual([s.id, s.stored, s.timestamp, s.version, s.result], [stored().id, stored().stored, stored().timestamp, '1.0.0', { success: true }]);
  });

  it('canonical keeps one language per Activity and Verb map, chosen by Accept-Language, and agents as they are', () => {
    const s = formatStatement(stored(), 'canonical', ['en-GB']);
    const sub = s.object as any;
    assert.deepEqual(s.actor, stored().actor);
    assert.deepEqual(s.verb.display, { 'en-GB': 'attended' });
    assert.deepEqual(sub.verb.display, { 'en-GB': 'planned (GB)' });
    assert.deepEqual(sub.actor, (stored().object as any).actor);
    assert.deepEqual(sub.object.definition.name, { 'en-GB': 'attended' });
    assert.deepEqual(sub.object.definition.description, { 'en-GB': 'On this map (GB)' });
    assert.deepEqual(sub.object.definition.choices, [{ id: 'a', description: { 'en-US': 'A' } }]);
    assert.deepEqual(sub.object.definition.extensions, { 'http://example.com/ext': { 'en-US': 'kept' } });
    assert.equal(sub.object.definition.type, 'http://adlnet.gov/expapi/activities/cmi.interaction');
    assert.deepEqual(s.context?.contextActivities?.category?.[0]?.definition?.name, { 'en-GB': 'Cat (GB)' });
  });

  it('does not change the statement it is given', () => {
    const s = stored();
    formatStatement(s, 'ids', []);
    formatStatement(s, 'canonical', ['fr']);
    assert.deepEqual(s, stored());
  });
});

describe('pickLanguage (Communication 2.1.3.s4, RFC 2616 §14.4)', () => {
  const map = { en: 'colour', 'en-US': 'color', 'fr-CA': 'couleur', de: 'Farbe' };

  it('follows the preference order, exact tag or prefix range, case-insensitively', () => {
    assert.deepEqual(pickLanguage(map, ['EN-us']), { 'en-US': 'color' });
    assert.deepEqual(pickLanguage(map, ['fr', 'en']), { 'fr-CA': 'couleur' });
    assert.deepEqual(pickLanguage(map, ['es', 'de;q=0.5']), { de: 'Farbe' });
    assert.deepEqual(pickLanguage(map, ['*']), { en: 'colour' });
  });

  it('falls back to the same primary language, then to the first entry', () => {
    assert.deepEqual(pickLanguage({ 'en-US': 'color', fr: 'couleur' }, ['en-GB']), { 'en-US': 'color' });
    assert.deepEqual(pickLanguage(map, ['ja']), { en: 'colour' });
    assert.deepEqual(pickLanguage(map, []), { en: 'colour' });
  });

  it('leaves maps of zero or one entry alone', () => {
    assert.deepEqual(pickLanguage({}, ['en']), {});
    assert.deepEqual(pickLanguage({ fr: 'x' }, ['en']), { fr: 'x' });
  });
});
