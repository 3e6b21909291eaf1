import { describe, it } from 'node:test';
import { accepts, anActivityStatement, rejects, withChange } from './statement-fixtures.js';

describe('Verbs (Data 2.4.3)', () => {
  it('needs an IRI id; display is optional; nothing else is allowed', () => {
    accepts(withChange((s) => { s.verb = { id: 'http://adlnet.gov/expapi/verbs/attended' }; }));
    rejects(withChange((s) => { s.verb = { display: { 'en-US': 'x' } }; }), 'statement.verb.id');
    rejects(withChange((s) => { s.verb.id = ''; }), 'statement.verb.id');
    rejects(withChange((s) => { s.verb.name = 'x'; }), 'statement.verb.name');
    rejects(withChange((s) => { s.verb = 'http://adlnet.gov/expapi/verbs/attended'; }), 'statement.verb');
  });
});

describe('Objects by objectType (Data 2.4.4)', () => {
  it('accepts Agents and Groups with objectType, StatementRefs and SubStatements', () => {
    accepts(withChange((s) => { s.object = { objectType: 'Agent', mbox: 'mailto:bob@univ.example' }; delete s.context.revision; delete s.context.platform; }));
    accepts(withChange((s) => { s.object = { objectType: 'Group', member: [{ mbox: 'mailto:bob@univ.example' }] }; delete s.context.revision; delete s.context.platform; }));
    accepts(withChange((s) => { s.object = { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' }; delete s.context.revision; delete s.context.platform; }));
  });

  it('an Agent or Group object without objectType is read as an Activity and refused', () => {
    rejects(withChange((s) => { s.object = { mbox: 'mailto:bob@univ.example' }; }), 'statement.object.mbox');
  });

  it('refuses unknown objectTypes and wrong case', () => {
    rejects(withChange((s) => { s.object.objectType = 'activity'; }), 'statement.object.objectType');
    rejects(withChange((s) => { s.object.objectType = 'Statement'; }), 'statement.object.objectType');
  });

  it('an Activity needs an IRI id and allows only objectType, id, definition', () => {
    rejects(withChange((s) => { delete s.object.id; }), 'statement.object.id');
    rejects(withChange((s) => { s.object.id = 'www.example.com/videos/42'; }), 'statement.object.id');
    rejects(withChange((s) => { s.object.name = 'x'; }), 'statement.object.name');
    rejects(withChange((s) => { s.object.definition.moreInfo = null; }), 'statement.object.definition.moreInfo');
    rejects(withChange((s) => { s.object.definition.title = 'x'; }), 'statement.object.definition.title');
  });

  it('a StatementRef needs a UUID id and nothing else', () => {
    rejects(withChange((s) => { s.object = { objectType: 'StatementRef' }; }), 'statement.object.id');
    rejects(withChange((s) => { s.object = { objectType: 'StatementRef', id: 'http://example.com/1' }; }), 'statement.object.id');
    rejects(withChange((s) => { s.object = { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee', definition: {} }; }), 'statement.object.definition');
  });
});

describe('Interaction activities (Data 2.4.4.1.s8–s16)', () => {
  const choices = [{ id: 'golf', description: { 'en-US': 'Golf Example' } }, { id: 'tetris', description: { 'en-US': 'Tetris Example' } }];

  it('accepts each interactionType with the component lists it supports', () => {
    accepts(anActivityStatement({ interactionType: 'true-false', correctResponsesPattern: ['true'] }));
    accepts(anActivityStatement({ interactionType: 'choice', correctResponsesPattern: ['golf[,]tetris'], choices }));
    accepts(anActivityStatement({ interactionType: 'sequencing', choices }));
    accepts(anActivityStatement({ interactionType: 'likert', scale: choices }));
    accepts(anActivityStatement({ interactionType: 'matching', source: choices, target: choices }));
    accepts(anActivityStatement({ interactionType: 'performance', steps: choices }));
    for (const type of ['fill-in', 'long-fill-in', 'numeric', 'other']) accepts(anActivityStatement({ interactionType: type, correctResponsesPattern: [] }));
  });

  it('refuses an unknown interactionType (case included)', () => {
    rejects(anActivityStatement({ interactionType: 'Choice' }), 'statement.object.definition.interactionType');
    rejects(anActivityStatement({ interactionType: 'http://example.com/choice' }), 'statement.object.definition.interactionType');
    rejects(anActivityStatement({ interactionType: 12345 }), 'statement.object.definition.interactionType');
  });

  it('refuses interaction properties without an interactionType', () => {
    rejects(anActivityStatement({ correctResponsesPattern: ['true'] }), 'statement.object.definition.correctResponsesPattern');
    rejects(anActivityStatement({ choices }), 'statement.object.definition.choices');
    rejects(anActivityStatement({ steps: choices }), 'statement.object.definition.steps');
  });

  it('refuses component lists the interactionType does not support', () => {
    rejects(anActivityStatement({ interactionType: 'choice', scale: choices }), 'statement.object.definition.scale');
    rejects(anActivityStatement({ interactionType: 'true-false', choices }), 'statement.object.definition.choices');
  });

  it('components need distinct string ids and a language-map description only', () => {
    rejects(anActivityStatement({ interactionType: 'choice', choices: [{ id: 'a' }, { id: 'a' }] }), 'statement.object.definition.choices[1].id');
    rejects(anActivityStatement({ interactionType: 'choice', choices: [{ description: { 'en-US': 'x' } }] }), 'statement.object.definition.choices[0].id');
    rejects(anActivityStatement({ interactionType: 'choice', choices: [{ id: 'a', description: { bad_tag: 'x' } }] }), 'statement.object.definition.choices[0].description');
    rejects(anActivityStatement({ interactionType: 'choice', choices: [{ id: 'a', name: 'x' }] }), 'statement.object.definition.choices[0].name');
  });

  it('correctResponsesPattern is an array of strings', () => {
    rejects(anActivityStatement({ interactionType: 'numeric', correctResponsesPattern: '4[:]' }), 'statement.object.definition.correctResponsesPattern');
    rejects(anActivityStatement({ interactionType: 'numeric', correctResponsesPattern: [4] }), 'statement.object.definition.correctResponsesPattern[0]');
  });
});

describe('SubStatements (Data 2.4.4.3.s8)', () => {
  const sub = (extra: Record<string, unknown> = {}) =>
    withChange((s) => {
      s.object = { objectType: 'SubStatement', actor: { mbox: 'mailto:a@x.example' }, verb: { id: 'http://example.com/visited' }, object: { id: 'http://example.com/website' }, ...extra };
      delete s.context.revision;
      delete s.context.platform;
    });

  it('is validated as a statement', () => {
    accepts(sub({ result: { success: true }, context: { platform: 'web' }, timestamp: '2030-01-01T00:00:00Z' }));
    rejects(sub({ actor: { mbox: 'nope' } }), 'statement.object.actor.mbox');
    rejects(sub({ verb: undefined }), 'statement.object.verb');
    rejects(sub({ result: { score: { scaled: 2 } } }), 'statement.object.result.score.scaled');
  });

  it('cannot have id, stored, version or authority', () => {
    for (const key of ['id', 'stored', 'version', 'authority']) {
      rejects(sub({ [key]: key === 'authority' ? { mbox: 'mailto:a@x.example' } : 'x' }), `statement.object.${key}`);
    }
  });

  it('cannot contain a SubStatement', () => {
    rejects(sub({ object: { objectType: 'SubStatement', actor: { mbox: 'mailto:a@x.example' }, verb: { id: 'http://example.com/v' }, object: { id: 'http://example.com/a' } } }), 'statement.object.object.objectType');
  });

  it('revision and platform follow the SubStatement\'s own object', () => {
    rejects(sub({ object: { objectType: 'Agent', mbox: 'mailto:b@x.example' }, context: { platform: 'web' } }), 'statement.object.context.platform');
  });
});
