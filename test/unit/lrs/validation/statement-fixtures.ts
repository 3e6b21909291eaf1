import assert from 'node:assert/strict';
import { validateStatements } from '../../../../src/lrs/statements/validation/statement.validate.js';
import type { XapiVersion } from '../../../../src/lrs/statements/validation/primitives.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';

/** A realistic statement, as an LTI video tool sends one: a fresh copy on every call. */
export function aStatement(): Record<string, any> {
  return {
    id: 'fd41c918-b88b-4b20-a0a5-a4c32391aaa0',
    actor: { objectType: 'Agent', name: 'Alice Martin', account: { homePage: 'https://moodle.univ.example', name: '1234' } },
    verb: { id: 'https://w3id.org/xapi/video/verbs/played', display: { 'en-US': 'played', fr: 'a lu' } },
    object: {
      objectType: 'Activity',
      id: 'https://amphi.example/videos/42',
      definition: {
        name: { 'en-US': 'Lecture 3: Entropy', fr: 'Cours 3 : Entropie' },
        description: { 'en-US': 'Recorded lecture' },
        type: 'https://w3id.org/xapi/video/activity-type/video',
        moreInfo: 'https://amphi.example/videos/42/info',
        extensions: { 'https://w3id.org/xapi/video/extensions/length': 3600 },
      },
    },
    result: {
      score: { scaled: 0.8, raw: 8, min: 0, max: 10 },
      success: true,
      completion: false,
      response: 'ok',
      duration: 'PT1H2M3.45S',
      extensions: { 'https://w3id.org/xapi/video/extensions/time': 12.5 },
    },
    context: {
      registration: 'ec531277-b57b-4c15-8d91-d292c5b2b8f7',
      instructor: { mbox: 'mailto:prof@univ.example' },
      team: { objectType: 'Group', name: 'Team A', member: [{ mbox: 'mailto:bob@univ.example' }] },
      contextActivities: {
        parent: [{ id: 'https://moodle.univ.example/course/7' }],
        category: [{ id: 'https://w3id.org/xapi/video' }],
      },
      revision: 'r2',
      platform: 'Amphi',
      language: 'fr-FR',
      statement: { objectType: 'StatementRef', id: '6690e6c9-3ef0-4ed3-8b37-7f3964730bee' },
      extensions: { 'https://w3id.org/xapi/video/extensions/session-id': 'abc' },
    },
    timestamp: '2024-03-01T10:15:30.123Z',
  };
}

export function anActivityStatement(definition: Record<string, unknown>): Record<string, any> {
  const s = aStatement();
  s.object = { id: 'https://amphi.example/quiz/1/q/1', definition };
  return s;
}

export function accepts(raw: unknown, version: XapiVersion = '1.0.3'): void {
  assert.doesNotThrow(() => validateStatements(raw, { version }));
}

/** Asserts a 400 whose message starts with `path` (e.g. `statement.actor.mbox`). */
export function rejects(raw: unknown, path: string, version: XapiVersion = '1.0.3'): void {
  assert.throws(
    () => validateStatements(raw, { version }),
    (e: unknown) => {
      assert.ok(e instanceof XapiError, `expected XapiError, got ${String(e)}`);
      assert.equal(e.status, 400);
      const reason = String(e.params.reason);
      assert.ok(reason.startsWith(`${path}`), `"${reason}" should start with "${path}"`);
      return true;
    },
  );
}

/** A copy of the fixture statement with `change` applied. */
export function withChange(change: (s: Record<string, any>) => void): Record<string, any> {
  const s = aStatement();
  change(s);
  return s;
}
