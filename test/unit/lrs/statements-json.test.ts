import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mapInSlices } from '../../../src/lrs/statements/cooperative.js';
import { arrayElementSpans, parseStatementsJson } from '../../../src/lrs/statements/statements-json.js';
import { MAX_JSON_DEPTH } from '../../../src/lrs/statements/validation/storable-json.js';
import { XapiError } from '../../../src/lrs/xapi/xapi-error.js';
import { aStatement } from './validation/statement-fixtures.js';

const parse = (text: string | Buffer) => parseStatementsJson(Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8'));

async function refuses(text: string, reason: RegExp | string): Promise<void> {
  await assert.rejects(parse(text), (e: unknown) => {
    assert.ok(e instanceof XapiError, `expected XapiError, got ${String(e)}`);
    assert.equal(e.status, 400);
    if (typeof reason === 'string') assert.equal(e.params.reason, reason);
    else assert.match(String(e.params.reason), reason);
    return true;
  });
}

/** JSON.parse's own message for `text`, as the LRS words it. */
function parserReason(text: string): string {
  try {
    JSON.parse(text);
  } catch (err) {
    return `The statements are not valid JSON: ${(err as Error).message}`;
  }
  throw new Error(`${text} is valid JSON`);
}

describe('statements JSON read element by element', () => {
  it('gives exactly what JSON.parse gives, whatever the strings hold', async () => {
    const tricky = [
      aStatement(),
      { s: 'a "quoted" word, a comma, [brackets] and {braces}' },
      { s: 'ends with a backslash \\' },
      { s: '\\\\"', t: '\\"]' },
      { nested: [[1, [2, { x: [] }]], {}], n: -1.5e3, b: true, z: null },
      'a string element',
      42,
      { s: 'é, 状態, 😀 and \u2028' },
      [],
    ];
    for (const text of [JSON.stringify(tricky), JSON.stringify(tricky, null, 2), ` \n[${JSON.stringify(tricky).slice(1, -1)}]\r\n\t`]) {
      assert.deepEqual(await parse(text), JSON.parse(text));
    }
    assert.deepEqual(await parse('[]'), []);
    assert.deepEqual(await parse(' [ \n ] '), []);
    assert.deepEqual(await parse('{"actor": {"mbox": "mailto:a@b.c"}}'), { actor: { mbox: 'mailto:a@b.c' } });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"é":"ü"}]')]);
    assert.deepEqual(await parse(withBom), [{ é: 'ü' }], 'a UTF-8 byte order mark is skipped');
  });

  it('finds the elements of an array by their byte offsets', async () => {
    const text = Buffer.from('[ {"a":"x,]"} ,"é",[1,2]]');
    const spans = await arrayElementSpans(text);
    assert.deepEqual(spans!.map(([s, e]) => text.toString('utf8', s, e).trim()), ['{"a":"x,]"}', '"é"', '[1,2]']);
    assert.equal(await arrayElementSpans(Buffer.from('{"a": [1, 2]}')), undefined, 'not an array');
  });

  it('refuses malformed JSON with JSON.parse’s own reason, whatever the scan made of it', async () => {
    for (const text of ['[1,]', '[,1]', '[1 2]', '[1,2]]', '[1,2', '["a]', '[{]}', '[{"a":1}] x', '', '[{"a": tru}]']) {
      await refuses(text, parserReason(text));
    }
  });

  it('names the statement that holds what the database cannot store, and bounds nesting as for the whole array', async () => {
    await refuses('[{}, {"verb": {"display": {"en": "\\udc00"}}}]', /^statements\[1\]\.verb\.display\.en: contains an unpaired UTF-16 surrogate/);
    await refuses('{"result": {"response": "a\\u0000"}}', /^statement\.result\.response: contains a NUL/);
    const nestedIn = (levels: number) => `[${'['.repeat(levels)}${']'.repeat(levels)}]`;
    // The array itself is level 1: its elements may nest MAX_JSON_DEPTH - 1 levels.
    assert.ok(await parse(nestedIn(MAX_JSON_DEPTH - 1)));
    await refuses(nestedIn(MAX_JSON_DEPTH), /^statements\[0\](\[0\])+: nested more than 64 levels$/);
  });

  it('lets other callbacks run while it reads a large batch', async () => {
    const text = JSON.stringify(Array.from({ length: 5000 }, () => aStatement()));
    let ranMeanwhile = false;
    setImmediate(() => (ranMeanwhile = true));
    const json = (await parse(text)) as unknown[];
    assert.equal(json.length, 5000);
    assert.ok(ranMeanwhile, 'a callback queued before the read ran before it ended');
  });
});

describe('mapInSlices', () => {
  it('maps in order and stops at the first error', async () => {
    assert.deepEqual(await mapInSlices([1, 2, 3], (n, i) => n * 10 + i), [10, 21, 32]);
    const seen: number[] = [];
    await assert.rejects(
      mapInSlices([1, 2, 3], (n) => {
        seen.push(n);
        if (n === 2) throw new XapiError(400, 'two');
      }),
      /two/,
    );
    assert.deepEqual(seen, [1, 2]);
  });
});
