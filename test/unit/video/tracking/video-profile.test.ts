import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkVideoStatement } from '../../../../src/video/tracking/video-profile.js';
import { V, VERB, videoStatement, type Verb } from './video-statements.js';

function refused(statement: unknown): string {
  const check = checkVideoStatement(statement);
  assert.equal(check.ok, false, `expected a refusal of ${JSON.stringify(statement)}`);
  return (check as { reason: string }).reason;
}

describe('video profile statements', () => {
  it('accepts every verb the player sends, with what it needs', () => {
    for (const verb of Object.keys(VERB) as Verb[]) {
      const check = checkVideoStatement(videoStatement(verb));
      assert.equal(check.ok, true, `${verb}: ${JSON.stringify(check)}`);
      if (check.ok) assert.equal(check.statement.verb, verb);
    }
  });

  it('ignores the actor and object the client sends (the server sets them), and lowercases the id', () => {
    const raw = videoStatement('played', { extra: { actor: { mbox: 'mailto:someone@else.example' }, object: { id: 'http://evil.example' } } });
    raw.id = raw.id.toUpperCase();
    const check = checkVideoStatement(raw);
    assert.ok(check.ok);
    assert.equal(check.statement.id, raw.id.toLowerCase());
    assert.equal('actor' in check.statement, false);
    assert.equal('object' in check.statement, false);
  });

  it('refuses a statement missing an extension its verb requires', () => {
    const missing: [Verb, 'result' | 'context', string][] = [
      ['initialized', 'context', 'length'],
      ['played', 'result', 'time'],
      ['paused', 'result', 'time'],
      ['paused', 'result', 'progress'],
      ['paused', 'result', 'played-segments'],
      ['seeked', 'result', 'time-from'],
      ['seeked', 'result', 'time-to'],
      ['completed', 'result', 'progress'],
      ['completed', 'result', 'played-segments'],
      ['terminated', 'result', 'time'],
      ['terminated', 'result', 'played-segments'],
      ['interacted', 'result', 'time'],
    ];
    for (const [verb, where, name] of missing) {
      assert.match(refused(videoStatement(verb, { [where]: { [name]: undefined } })), new RegExp(name.replace('-', '\\-')), `${verb} without ${name}`);
    }
    for (const verb of Object.keys(VERB) as Verb[]) {
      assert.match(refused(videoStatement(verb, { context: { 'session-id': undefined } })), /session-id/, `${verb} without a session id`);
    }
  });

  it('refuses a completed statement without completion or duration, and an interaction that changed nothing', () => {
    const noCompletion = videoStatement('completed');
    delete noCompletion.result.completion;
    assert.match(refused(noCompletion), /result\.completion/);
    const notCompleted = videoStatement('completed');
    notCompleted.result.completion = false;
    assert.match(refused(notCompleted), /result\.completion/);
    const badDuration = videoStatement('completed');
    badDuration.result.duration = '20 seconds';
    assert.match(refused(badDuration), /ISO 8601 duration/);
    assert.match(refused(videoStatement('interacted', { context: { speed: undefined } })), /changed state/);
  });

  it('refuses numbers sent as strings, and values out of range', () => {
    assert.match(refused(videoStatement('played', { result: { time: '12.5' } })), /time.*number/);
    assert.match(refused(videoStatement('initialized', { context: { length: '20' } })), /length.*number/);
    assert.match(refused(videoStatement('paused', { result: { progress: 1.5 } })), /progress/);
    assert.match(refused(videoStatement('paused', { result: { progress: -0.1 } })), /progress/);
    assert.match(refused(videoStatement('played', { result: { time: -1 } })), /time/);
    assert.match(refused(videoStatement('initialized', { context: { volume: 80 } })), /volume/);
    assert.match(refused(videoStatement('initialized', { context: { 'full-screen': 'false' } })), /full-screen/);
    assert.match(refused(videoStatement('initialized', { context: { 'screen-size': 'large' } })), /screen-size.*WIDTHxHEIGHT/);
    assert.match(refused(videoStatement('paused', { context: { 'session-id': 'session-1' } })), /session-id/);
  });

  it('refuses badly written played segments', () => {
    assert.match(refused(videoStatement('paused', { result: { 'played-segments': '0-5.23' } })), /played-segments.*format/);
    assert.match(refused(videoStatement('paused', { result: { 'played-segments': '9[.]3' } })), /ends before it starts/);
    assert.match(refused(videoStatement('paused', { result: { 'played-segments': [[0, 5]] } })), /played-segments/);
  });

  it('refuses unknown verbs, extensions the profile does not define, and a bad id or timestamp', () => {
    assert.match(refused(videoStatement('played', { extra: { verb: { id: 'http://adlnet.gov/expapi/verbs/answered' } } })), /answered is not a verb of the video profile/);
    assert.match(refused(videoStatement('played', { extra: { verb: {} } })), /verb\.id: required/);
    assert.match(refused(videoStatement('played', { result: { 'time-spent': 3 } })), /not an extension of the video profile: https:\/\/w3id\.org\/xapi\/video\/extensions\/time-spent/);
    const other = videoStatement('played');
    other.context.extensions['http://example.com/ext/mood'] = 'happy';
    assert.match(refused(other), /not an extension of the video profile/);
    assert.match(refused(videoStatement('played', { extra: { id: 'not-a-uuid' } })), /^id:/);
    assert.match(refused(videoStatement('played', { extra: { timestamp: 'yesterday' } })), /^timestamp:/);
    assert.match(refused(videoStatement('played', { extra: { authority: { mbox: 'mailto:a@b.c' } } })), /authority/);
    assert.match(refused('played'), /JSON object/);
    assert.match(refused(null), /JSON object/);
  });

  it('takes speeds as the profile writes them ("1.5x") or as numbers', () => {
    assert.equal(checkVideoStatement(videoStatement('interacted', { context: { speed: 1.5 } })).ok, true);
    assert.match(refused(videoStatement('interacted', { context: { speed: 'fast' } })), /speed/);
    assert.ok(`${V}speed`);
  });
});
