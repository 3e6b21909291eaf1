import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { readStatementContent } from '../../../../src/lrs/attachments/multipart-parser.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';
import {
  BOUNDARY,
  CRLF,
  TEXT1,
  TEXT2,
  attachmentPart,
  jsonPart,
  multipartBody,
  multipartRequest,
  request,
  sha256,
  statementWith,
  textAttachment,
} from './multipart-fixtures.js';

function rejects(req: ReturnType<typeof request>, reason: RegExp) {
  return assert.rejects(
    readStatementContent(req),
    (err: unknown) => err instanceof XapiError && err.status === 400 && reason.test(String(err.params.reason)),
  );
}

describe('statement request content (Communication 1.5)', () => {
  const statement = statementWith([textAttachment(TEXT1), textAttachment(TEXT2)]);

  it('parses application/json, whatever its parameters, with no attachment parts', async () => {
    assert.deepEqual(await readStatementContent(request('application/json; charset=utf-8', JSON.stringify([statement]))), { json: [statement], parts: [] });
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"é":"ü"}')]);
    assert.deepEqual((await readStatementContent(request('Application/JSON', withBom))).json, { é: 'ü' }, 'a UTF-8 byte order mark is skipped');
  });

  it('refuses malformed JSON with the parser’s reason', async () => {
    await rejects(request('application/json', '{"actor": '), /^The statements are not valid JSON: .*JSON/);
    await rejects(request('application/json', ''), /not valid JSON/);
  });

  it('refuses any other content type with 400, multipart/form-data among them (XAPI-00127)', async () => {
    const body = multipartBody([jsonPart(statement), attachmentPart(TEXT1)]);
    await rejects(request(`multipart/form-data; boundary=${BOUNDARY}`, body), /application\/json or multipart\/mixed, not multipart\/form-data/);
    await rejects(request('text/plain', '{}'), /not text\/plain/);
    await rejects(request(undefined, '{}'), /without a Content-Type header/);
  });

  it('reads the statements from the first part and each attachment from the others, as the suite sends them', async () => {
    const body = multipartBody([jsonPart(statement), attachmentPart(TEXT1), attachmentPart(TEXT2, { 'Content-Type': 'text/plain; charset=ascii' })]);
    const { json, parts } = await readStatementContent(multipartRequest(body));
    assert.deepEqual(json, statement);
    assert.deepEqual(parts, [
      { sha2: sha256(TEXT1), contentType: 'text/plain', content: TEXT1 },
      { sha2: sha256(TEXT2), contentType: 'text/plain; charset=ascii', content: TEXT2 },
    ]);
  });

  it('accepts a part without Content-Type as application/octet-stream, a hash in capitals, SHA-384 and SHA-512, binary in any case', async () => {
    const sha384 = createHash('sha384').update(TEXT1).digest('hex');
    const sha512 = createHash('sha512').update(TEXT2).digest('hex').toUpperCase();
    const body = multipartBody([
      jsonPart(statement),
      attachmentPart(TEXT1, { 'Content-Type': undefined, 'X-Experience-API-Hash': sha384, 'Content-Transfer-Encoding': 'BINARY' }),
      attachmentPart(TEXT2, { 'X-Experience-API-Hash': sha512 }),
    ]);
    const { parts } = await readStatementContent(multipartRequest(body));
    assert.deepEqual(
      parts.map((p) => [p.sha2, p.contentType]),
      [
        [sha384, 'application/octet-stream'],
        [sha512, 'text/plain'],
      ],
    );
  });

  it('accepts a multipart request with the statements alone', async () => {
    const only = statementWith();
    assert.deepEqual(await readStatementContent(multipartRequest(multipartBody([jsonPart(only)]))), { json: only, parts: [] });
  });

  it('refuses multipart/mixed without a boundary parameter (XAPI-00131)', async () => {
    await rejects(request('multipart/mixed;', multipartBody([jsonPart(statement), attachmentPart(TEXT1)])), /needs a boundary parameter/);
  });

  it('refuses a body that does not open with the boundary: the first part is then not the statements (XAPI-00131)', async () => {
    const body = `${jsonPart(statement)}${CRLF}--${BOUNDARY}${CRLF}${attachmentPart(TEXT1)}${CRLF}--${BOUNDARY}--${CRLF}`;
    await rejects(multipartRequest(Buffer.from(body)), /first part .* must be the statements, typed application\/json, not text\/plain/);
  });

  it('refuses a part with no boundary before its headers: they end up in the JSON (XAPI-00130)', async () => {
    const body = `--${BOUNDARY}${CRLF}${jsonPart(statement)}${CRLF}${attachmentPart(TEXT1)}${CRLF}--${BOUNDARY}--${CRLF}`;
    await rejects(multipartRequest(Buffer.from(body)), /not valid JSON/);
  });

  it('refuses a first part that is not application/json (XAPI-00134), or untyped', async () => {
    const textFirst = multipartBody([`Content-Type: text/plain${CRLF}${CRLF}${JSON.stringify(statement)}`, attachmentPart(TEXT1)]);
    await rejects(multipartRequest(textFirst), /not text\/plain/);
    await rejects(multipartRequest(multipartBody([`${CRLF}${JSON.stringify(statement)}`])), /not untyped/);
  });

  it('refuses statements split over two JSON parts: the second has no hash (XAPI-00133)', async () => {
    await rejects(multipartRequest(multipartBody([jsonPart(statement), jsonPart(statement), attachmentPart(TEXT1)])), /Part 2 .* no X-Experience-API-Hash/);
  });

  it('refuses an attachment part without X-Experience-API-Hash (XAPI-00132)', async () => {
    await rejects(multipartRequest(multipartBody([jsonPart(statement), attachmentPart(TEXT1, { 'X-Experience-API-Hash': undefined })])), /no X-Experience-API-Hash/);
  });

  it('refuses an attachment part whose hash is not that of its content (XAPI-00132)', async () => {
    const wrong = 'b018994f8bbe0f08992a65c48c8c8c56f09e9baceaa6227ed85c90ae52b73c89';
    await rejects(multipartRequest(multipartBody([jsonPart(statement), attachmentPart(TEXT1, { 'X-Experience-API-Hash': wrong })])), new RegExp(`${wrong} is not the SHA-2`));
    await rejects(multipartRequest(multipartBody([jsonPart(statement), attachmentPart(TEXT1, { 'X-Experience-API-Hash': 'not-hex' })])), /not the SHA-2/);
    const sha1 = createHash('sha1').update(TEXT1).digest('hex');
    await rejects(multipartRequest(multipartBody([jsonPart(statement), attachmentPart(TEXT1, { 'X-Experience-API-Hash': sha1 })])), /not the SHA-2/);
  });

  it('refuses an attachment part not sent as binary (XAPI-00135), or without Content-Transfer-Encoding', async () => {
    const base64 = attachmentPart(TEXT1, { 'Content-Transfer-Encoding': 'base64' });
    await rejects(multipartRequest(multipartBody([jsonPart(statement), base64])), /Content-Transfer-Encoding: binary", not base64/);
    const none = attachmentPart(TEXT1, { 'Content-Transfer-Encoding': undefined });
    await rejects(multipartRequest(multipartBody([jsonPart(statement), none])), /Content-Transfer-Encoding: binary", not none/);
  });

  it('refuses NUL, lone surrogates and deep nesting in the statements, naming the path, in either content type', async () => {
    await rejects(request('application/json', '{"result": {"response": "a\\u0000"}}'), /^statement\.result\.response: contains a NUL/);
    await rejects(request('application/json', '[{}, {"verb": {"display": {"en": "\\udc00"}}}]'), /^statements\[1\]\.verb\.display\.en: contains an unpaired UTF-16 surrogate/);
    await rejects(request('application/json', `{"result": {"extensions": {"http://x.example/e": ${'['.repeat(5000)}${']'.repeat(5000)}}}}`), /: nested more than 64 levels$/);
    const body = multipartBody([jsonPart({ result: { response: '\u0000' } })]);
    await rejects(request(`multipart/mixed; boundary=${BOUNDARY}`, body), /^statement\.result\.response: contains a NUL/);
  });
});
