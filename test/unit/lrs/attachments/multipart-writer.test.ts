import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import type { AttachmentPart } from '../../../../src/lrs/attachments/attachment-part.js';
import { parseMultipart } from '../../../../src/lrs/attachments/multipart-body.js';
import { sendMultipart } from '../../../../src/lrs/attachments/multipart-writer.js';
import { TEXT1, TEXT2, sha256, statementWith, textAttachment } from './multipart-fixtures.js';

const binary = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x0d, 0x0a]);
const parts: AttachmentPart[] = [
  { sha2: sha256(TEXT1), contentType: 'text/plain; charset=ascii', content: TEXT1 },
  { sha2: sha256(binary), contentType: 'application/octet-stream', content: binary },
  { sha2: sha256(TEXT1), contentType: 'text/plain; charset=ascii', content: TEXT1 },
];
const result = {
  statements: [
    statementWith([textAttachment(TEXT1), textAttachment(binary)]),
    statementWith([textAttachment(TEXT1, { display: { 'fr-FR': 'Pièce jointe' } }), textAttachment(TEXT2, { fileUrl: 'http://example.com/t2.txt' })]),
  ],
  more: '',
};

describe('multipart/mixed responses (Communication 1.5.2, 2.1.3 attachments=true)', () => {
  let server: http.Server;
  let url: string;

  before(async () => {
    const app = express();
    app.get('/statements', (_req, res) => sendMultipart(res, result, parts));
    server = http.createServer(app);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/statements`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  async function get(method = 'GET') {
    const res = await fetch(url, { method });
    return { res, body: Buffer.from(await res.arrayBuffer()) };
  }

  it('sends "multipart/mixed; boundary=<random hex>" and no charset, as the suite splits it on "; boundary="', async () => {
    const [a, b] = [await get(), await get()];
    const type = a.res.headers.get('content-type')!;
    assert.match(type, /^multipart\/mixed; boundary=[0-9a-f]{32}$/);
    assert.notEqual(type, b.res.headers.get('content-type'), 'a new boundary per response');
    assert.equal(Number(a.res.headers.get('content-length')), a.body.length);
  });

  it('sends the JSON first, then each attachment once with its type, binary encoding and hash', async () => {
    const { res, body } = await get();
    const received = parseMultipart(body, res.headers.get('content-type')!);
    assert.equal(received.length, 3);
    assert.deepEqual(received[0]!.headers, { 'content-type': 'application/json' });
    assert.deepEqual(JSON.parse(received[0]!.content.toString('utf8')), result);
    assert.deepEqual(received[1]!.headers, { 'content-type': 'text/plain; charset=ascii', 'content-transfer-encoding': 'binary', 'x-experience-api-hash': sha256(TEXT1) });
    assert.deepEqual(received[1]!.content, TEXT1);
    assert.deepEqual(received[2]!.headers['x-experience-api-hash'], sha256(binary));
    assert.deepEqual(received[2]!.content, binary, 'bytes unchanged');
  });

  it('reads back the way the suite reads it: its parser, the first part’s JSON, each hash twice (XAPI-00167)', async () => {
    const { res, body } = await get();
    const text = body.toString('utf8');
    const boundary = res.headers.get('content-type')!.split(';')[1]!.replace(' boundary=', '');
    // test/multipartParser.js: split on /--*boundary/, each part opens with the line delimiter,
    // its body runs from the empty line to the delimiter before the next boundary.
    const contents = text.split(new RegExp(`--*${boundary}`));
    assert.ok(contents[1]!.startsWith('\r\n'));
    const first = contents[1]!;
    assert.deepEqual(JSON.parse(first.substring(first.indexOf('\r\n\r\n') + 4, first.length - 2)), result);
    assert.ok(contents.at(-1)!.startsWith('--'), 'closed by "--boundary--"');
    // H.Communication2.1: the JSON between the first two boundaries, from the first "{" to the last "}".
    assert.deepEqual(JSON.parse(first.substring(first.indexOf('{'), first.lastIndexOf('}') + 1)), result);
    const hash1 = (text.match(new RegExp(sha256(TEXT1), 'g')) ?? []).length;
    assert.equal(hash1, 3, 'twice in the statements (two attachments share it), once in the one part that carries it');
    assert.equal((text.match(new RegExp(sha256(binary), 'g')) ?? []).length, 2);
    assert.ok(text.includes('here is a simple attachment'));
  });

  it('sends the headers alone to HEAD', async () => {
    const { res, body } = await get('HEAD');
    assert.match(res.headers.get('content-type')!, /^multipart\/mixed; boundary=/);
    assert.equal(body.length, 0);
  });
});
