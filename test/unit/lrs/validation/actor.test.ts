import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAgentParameter } from '../../../../src/lrs/statements/validation/agent-parameter.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';
import { accepts, rejects, withChange } from './statement-fixtures.js';

const SHA1 = 'ebd31e95054c018b10727ccffd2ef2ec3a016ee9';

describe('Agents (Data 2.4.2.1, 2.4.2.3, 2.4.2.4)', () => {
  it('accepts each of the four identifiers, with or without objectType and name', () => {
    for (const actor of [
      { mbox: 'mailto:alice@univ.example' },
      { objectType: 'Agent', mbox_sha1sum: SHA1 },
      { openid: 'http://openid.example.org/alice' },
      { name: 'Alice', account: { homePage: 'http://www.example.com', name: '1625378' } },
    ]) accepts(withChange((s) => { s.actor = actor; }));
  });

  it('refuses no identifier, two identifiers and malformed ones', () => {
    rejects(withChange((s) => { s.actor = { name: 'Nobody' }; }), 'statement.actor');
    rejects(withChange((s) => { s.actor = { mbox: 'mailto:a@b.example', openid: 'http://openid.example.org/a' }; }), 'statement.actor');
    rejects(withChange((s) => { s.actor = { mbox: 'alice@univ.example' }; }), 'statement.actor.mbox');
    rejects(withChange((s) => { s.actor = { mbox: 'mailto:' }; }), 'statement.actor.mbox');
    rejects(withChange((s) => { s.actor = { mbox_sha1sum: 'xyz' }; }), 'statement.actor.mbox_sha1sum');
    rejects(withChange((s) => { s.actor = { mbox_sha1sum: SHA1.slice(1) }; }), 'statement.actor.mbox_sha1sum');
  });

  it('an account needs homePage (an IRL) and a string name, nothing else', () => {
    rejects(withChange((s) => { s.actor.account = { name: '1' }; }), 'statement.actor.account.homePage');
    rejects(withChange((s) => { s.actor.account = { homePage: 'http://x.example' }; }), 'statement.actor.account.name');
    rejects(withChange((s) => { s.actor.account = { homePage: 'http://x.example', name: { key: 'x' } }; }), 'statement.actor.account.name');
    rejects(withChange((s) => { s.actor.account.extra = 1; }), 'statement.actor.account.extra');
  });

  it('objectType is case-sensitive; unknown properties and null values are refused', () => {
    rejects(withChange((s) => { s.actor.objectType = 'agent'; }), 'statement.actor');
    rejects(withChange((s) => { s.actor.objectType = '"objectType": "Agent"'; }), 'statement.actor');
    rejects(withChange((s) => { s.actor.Name = 'x'; }), 'statement.actor.Name');
    rejects(withChange((s) => { s.actor.name = null; }), 'statement.actor.name');
    rejects(withChange((s) => { s.actor.name = 42; }), 'statement.actor.name');
  });
});

describe('Groups (Data 2.4.2.2)', () => {
  const alice = { mbox: 'mailto:alice@univ.example' };

  it('accepts an anonymous Group with members and identified Groups with or without members', () => {
    accepts(withChange((s) => { s.actor = { objectType: 'Group', member: [alice, { objectType: 'Agent', openid: 'http://openid.example.org/b' }] }; }));
    accepts(withChange((s) => { s.actor = { objectType: 'Group', name: 'Team', mbox: 'mailto:team@univ.example' }; }));
    accepts(withChange((s) => { s.actor = { objectType: 'Group', account: { homePage: 'http://x.example', name: 't' }, member: [alice] }; }));
  });

  it('an anonymous Group needs members; an identified Group exactly one identifier', () => {
    rejects(withChange((s) => { s.actor = { objectType: 'Group', name: 'Nobody' }; }), 'statement.actor');
    rejects(withChange((s) => { s.actor = { objectType: 'Group', member: [] }; }), 'statement.actor.member');
    rejects(withChange((s) => { s.actor = { objectType: 'Group', mbox: 'mailto:t@x.example', openid: 'http://openid.example.org/t' }; }), 'statement.actor');
  });

  it('members are Agents only, each valid', () => {
    rejects(withChange((s) => { s.actor = { objectType: 'Group', member: [{ objectType: 'Group', member: [alice] }] }; }), 'statement.actor.member[0]');
    rejects(withChange((s) => { s.actor = { objectType: 'Group', member: [alice, { name: 'no id' }] }; }), 'statement.actor.member[1]');
    rejects(withChange((s) => { s.actor = { objectType: 'Group', member: alice }; }), 'statement.actor.member');
  });
});

describe('Identifier lengths (index keys: account parts 512 bytes each, mbox 320)', () => {
  it('accepts an account of 512 + 512 bytes and an mbox of 320 bytes', () => {
    const homePage = `https://lms.example/${'h'.repeat(512 - 20)}`;
    accepts(withChange((s) => { s.actor.account = { homePage, name: 'é'.repeat(256) }; }));
    accepts(withChange((s) => { s.actor = { mbox: `mailto:${'m'.repeat(320 - 17)}@x.example` }; }));
  });

  it('refuses one byte more, counting UTF-8 bytes, wherever the Agent is', () => {
    rejects(withChange((s) => { s.actor.account.name = 'é'.repeat(256) + 'x'; }), 'statement.actor.account.name: is 513 bytes long in UTF-8; this LRS keeps at most 512 bytes here');
    rejects(withChange((s) => { s.actor.account.homePage = `https://lms.example/${'h'.repeat(493)}`; }), 'statement.actor.account.homePage: is 513 bytes');
    rejects(withChange((s) => { s.actor = { mbox: `mailto:${'m'.repeat(304)}@x.example` }; }), 'statement.actor.mbox: is 321 bytes');
    rejects(withChange((s) => { s.context.team.member[0] = { account: { homePage: 'https://x.example', name: 'n'.repeat(513) } }; }), 'statement.context.team.member[0].account.name: is 513 bytes');
    rejects(withChange((s) => { s.context.instructor = { mbox: `mailto:${'m'.repeat(400)}@x.example` }; }), 'statement.context.instructor.mbox: is 417 bytes');
  });
});

describe('parseAgentParameter (Communication 2.3–2.6)', () => {
  it('returns the parsed Agent or Group', () => {
    assert.deepEqual(parseAgentParameter('{"mbox":"mailto:alice@univ.example"}'), alice());
    assert.deepEqual(parseAgentParameter('{"objectType":"Group","mbox":"mailto:t@x.example"}'), { objectType: 'Group', mbox: 'mailto:t@x.example' });
  });

  it('refuses a missing value, bad JSON and invalid actors with a message naming the parameter', () => {
    for (const [value, start] of [[undefined, 'agent: is required'], ['', 'agent: is required'], ['wrong', 'agent: is not valid JSON'], ['{"mbox":"alice"}', 'agent.mbox:'], ['{"name":"x"}', 'agent:'], ['[]', 'agent:']] as const) {
      assert.throws(() => parseAgentParameter(value), (e: unknown) => e instanceof XapiError && e.status === 400 && String(e.params.reason).startsWith(start));
    }
    assert.throws(() => parseAgentParameter('x', 'as'), (e: unknown) => e instanceof XapiError && String(e.params.reason).startsWith('as:'));
  });

  it('refuses what the database cannot hold: too long, NUL, lone surrogates, deep nesting', () => {
    const cases = [
      [JSON.stringify({ account: { homePage: 'https://x.example', name: 'n'.repeat(600) } }), 'agent.account.name: is 600 bytes'],
      ['{"account": {"homePage": "https://x.example", "name": "a\\u0000"}}', 'agent.account.name: contains a NUL'],
      ['{"account": {"homePage": "https://x.example", "name": "\\ud800"}}', 'agent.account.name: contains an unpaired UTF-16 surrogate'],
      [`{"name": ${'['.repeat(5000)}${']'.repeat(5000)}}`, 'agent.name'],
    ] as const;
    for (const [value, start] of cases) {
      assert.throws(() => parseAgentParameter(value), (e: unknown) => e instanceof XapiError && e.status === 400 && String(e.params.reason).startsWith(start), start);
    }
    assert.throws(() => parseAgentParameter(cases[3][0]), (e: unknown) => e instanceof XapiError && /: nested more than 64 levels$/.test(String(e.params.reason)));
  });

  function alice() {
    return { mbox: 'mailto:alice@univ.example' };
  }
});
