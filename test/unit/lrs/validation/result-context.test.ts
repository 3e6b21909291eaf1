import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { validateStatement } from '../../../../src/lrs/statements/validation/statement.validate.js';
import { accepts, rejects, withChange } from './statement-fixtures.js';

describe('Result and Score (Data 2.4.5)', () => {
  it('accepts the boundaries of scaled and raw', () => {
    accepts(withChange((s) => { s.result.score = { scaled: -1, raw: 0, min: 0, max: 10 }; }));
    accepts(withChange((s) => { s.result.score = { scaled: 1, raw: 10, min: 0, max: 10 }; }));
    accepts(withChange((s) => { s.result.score = { raw: -500 }; }));
  });

  it('scaled in [-1, 1], min < max, raw within [min, max]', () => {
    rejects(withChange((s) => { s.result.score.scaled = 1.01; }), 'statement.result.score.scaled');
    rejects(withChange((s) => { s.result.score = { min: 10, max: 10 }; }), 'statement.result.score.min');
    rejects(withChange((s) => { s.result.score = { raw: 11, max: 10 }; }), 'statement.result.score.raw');
    rejects(withChange((s) => { s.result.score = { raw: -1, min: 0 }; }), 'statement.result.score.raw');
  });

  it('the wrong data types are refused, even strings holding numbers or booleans', () => {
    rejects(withChange((s) => { s.result.score.max = '100'; }), 'statement.result.score.max');
    rejects(withChange((s) => { s.result.score.max = 'one hundred'; }), 'statement.result.score.max');
    rejects(withChange((s) => { s.result.success = 'true'; }), 'statement.result.success');
    rejects(withChange((s) => { s.result.completion = 'false'; }), 'statement.result.completion');
    rejects(withChange((s) => { s.result.response = 42; }), 'statement.result.response');
  });

  it('unknown properties and null are refused', () => {
    rejects(withChange((s) => { s.result.grade = 'A'; }), 'statement.result.grade');
    rejects(withChange((s) => { s.result.score.percent = 80; }), 'statement.result.score.percent');
    rejects(withChange((s) => { s.result.success = null; }), 'statement.result.success');
  });
});

describe('Context (Data 2.4.6)', () => {
  it('instructor may be an Agent or a Group; team must be a Group', () => {
    accepts(withChange((s) => { s.context.instructor = { objectType: 'Group', mbox: 'mailto:staff@univ.example' }; }));
    rejects(withChange((s) => { s.context.team = { mbox: 'mailto:team@univ.example' }; }), 'statement.context.team');
    rejects(withChange((s) => { s.context.instructor = { name: 'no id' }; }), 'statement.context.instructor');
  });

  it('revision and platform only when the object is an Activity', () => {
    const ref = { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' };
    rejects(withChange((s) => { s.object = ref; delete s.context.platform; }), 'statement.context.revision');
    rejects(withChange((s) => { s.object = ref; delete s.context.revision; }), 'statement.context.platform');
    accepts(withChange((s) => { s.object = { id: 'http://example.com/no-objecttype' }; }));
    rejects(withChange((s) => { s.context.revision = 3; }), 'statement.context.revision');
  });

  it('statement is a StatementRef', () => {
    rejects(withChange((s) => { s.context.statement = { id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' }; }), 'statement.context.statement.objectType');
  });

  it('contextActivities: known keys only, each an Activity or an array of Activities', () => {
    rejects(withChange((s) => { s.context.contextActivities.siblings = []; }), 'statement.context.contextActivities.siblings');
    rejects(withChange((s) => { s.context.contextActivities.parent = 'http://example.com/a'; }), 'statement.context.contextActivities.parent');
    rejects(withChange((s) => { s.context.contextActivities.parent = [{ id: 'not an iri' }]; }), 'statement.context.contextActivities.parent[0].id');
    rejects(withChange((s) => { s.context.contextActivities.parent = [{ objectType: 'Agent', mbox: 'mailto:a@x.example' }]; }), 'statement.context.contextActivities.parent[0]');
  });

  it('a single context Activity is returned as an array of one (Data 2.4.6.2.s4.b3)', () => {
    const single = { id: 'http://example.com/course' };
    const validated = validateStatement(withChange((s) => { s.context.contextActivities = { grouping: single, other: [] }; }), { version: '1.0.3' });
    assert.deepEqual(validated.context?.contextActivities, { grouping: [single], other: [] });
  });

  it('unknown properties are refused; contextAgents and contextGroups only from 2.0', () => {
    rejects(withChange((s) => { s.context.course = 'x'; }), 'statement.context.course');
    const withAgents = withChange((s) => { s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:p@x.example' }, relevantTypes: ['http://example.com/player'] }]; });
    rejects(withAgents, 'statement.context.contextAgents', '1.0.3');
    accepts(withAgents, '2.0.0');
  });
});

describe('contextAgents and contextGroups (xAPI 2.0)', () => {
  const agentEntry = (entry: Record<string, unknown>) => withChange((s) => { s.context.contextAgents = [{ objectType: 'contextAgent', agent: { mbox: 'mailto:p@x.example' }, ...entry }]; });
  const groupEntry = (entry: Record<string, unknown>) => withChange((s) => { s.context.contextGroups = [{ objectType: 'contextGroup', group: { objectType: 'Group', mbox: 'mailto:t@x.example' }, ...entry }]; });

  it('accepts entries with or without relevantTypes', () => {
    accepts(agentEntry({}), '2.0.0');
    accepts(groupEntry({ relevantTypes: ['http://example.com/team'] }), '2.0.0');
  });

  it('refuses a wrong objectType, an invalid actor, and empty or non-IRI relevantTypes', () => {
    rejects(agentEntry({ objectType: 'Agent' }), 'statement.context.contextAgents[0].objectType', '2.0.0');
    rejects(agentEntry({ agent: { mbox: 'nope' } }), 'statement.context.contextAgents[0].agent.mbox', '2.0.0');
    rejects(agentEntry({ relevantTypes: [] }), 'statement.context.contextAgents[0].relevantTypes', '2.0.0');
    rejects(agentEntry({ relevantTypes: ['abc'] }), 'statement.context.contextAgents[0].relevantTypes[0]', '2.0.0');
    rejects(groupEntry({ group: { mbox: 'mailto:t@x.example' } }), 'statement.context.contextGroups[0].group.objectType', '2.0.0');
    rejects(withChange((s) => { s.context.contextGroups = {}; }), 'statement.context.contextGroups', '2.0.0');
  });
});
