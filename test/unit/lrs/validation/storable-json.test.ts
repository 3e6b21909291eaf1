import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_JSON_DEPTH, requireStorableJson, unstorableTextProblem } from '../../../../src/lrs/statements/validation/storable-json.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';
import { aStatement } from './statement-fixtures.js';

function refuses(value: unknown, root: string, reason: RegExp): void {
  assert.throws(
    () => requireStorableJson(value, root),
    (e: unknown) => {
      assert.ok(e instanceof XapiError, `expected XapiError, got ${String(e)}`);
      assert.equal(e.status, 400);
      assert.match(String(e.params.reason), reason);
      return true;
    },
  );
}

/** `levels` nested containers (objects and arrays in turn) around a string, built without recursion. */
function nested(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = i % 2 ? [value] : { k: value };
  return value;
}

describe('unstorableTextProblem', () => {
  it('accepts ordinary text, non-ASCII and surrogate pairs (emoji)', () => {
    for (const s of ['', 'played', 'Cours 3 : Entropie', '状態', 'smile 😀', '\u{10FFFF}']) assert.equal(unstorableTextProblem(s), undefined, s);
  });

  it('refuses NUL anywhere and unpaired surrogates, high or low', () => {
    for (const s of ['\u0000', 'a\u0000', '\u0000b']) assert.match(unstorableTextProblem(s)!, /NUL/);
    for (const s of ['\ud800', 'x\udfffy', '😀'.slice(0, 1), '\udc00\ud800']) assert.match(unstorableTextProblem(s)!, /surrogate/);
  });
});

describe('requireStorableJson', () => {
  it('accepts a realistic statement, a batch of them, and scalars of every kind', () => {
    assert.doesNotThrow(() => requireStorableJson(aStatement(), 'statement'));
    assert.doesNotThrow(() => requireStorableJson([aStatement(), aStatement()], 'statements'));
    assert.doesNotThrow(() => requireStorableJson({ n: 1.5, t: true, f: false, z: null, e: [], o: {} }, 'statement'));
  });

  it('names the path of a bad string, through objects and arrays', () => {
    const s = aStatement();
    s.context.contextActivities.parent[0].definition = { name: { fr: 'a\u0000' } };
    refuses(s, 'statement', /^statement\.context\.contextActivities\.parent\[0\]\.definition\.name\.fr: contains a NUL/);
    refuses([aStatement(), { result: { response: '\ud800' } }], 'statements', /^statements\[1\]\.result\.response: contains an unpaired UTF-16 surrogate/);
  });

  it('refuses a bad property name, showing it escaped', () => {
    refuses({ result: { extensions: { 'https://x.example/e': { 'a\u0000b': 1 } } } }, 'statement', /^statement\.result\.extensions\.https:\/\/x\.example\/e: the property name "a\\u0000b" contains a NUL/);
    refuses({ '\udfff': 1 }, 'agent', /^agent: the property name "\\udfff" contains an unpaired/);
  });

  it(`allows ${MAX_JSON_DEPTH} levels of containers and refuses one more, at the container past the limit`, () => {
    assert.doesNotThrow(() => requireStorableJson(nested(MAX_JSON_DEPTH), 'statement'));
    refuses(nested(MAX_JSON_DEPTH + 1), 'statement', /^statement(\.k|\[0\]){64}: nested more than 64 levels$/);
  });

  it('does not overflow the stack on 100 000 levels (the walk stops at the limit)', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    refuses(JSON.parse(text), 'statements', /nested more than 64 levels/);
  });

  it('reports the first problem in document order', () => {
    refuses({ a: 'ok', b: '\u0000', c: '\ud800' }, 'statement', /^statement\.b: contains a NUL/);
  });
});
