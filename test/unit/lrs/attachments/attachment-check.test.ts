import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CompactSign, generateKeyPair } from 'jose';
import { attachmentHashes, checkAttachments } from '../../../../src/lrs/attachments/attachment-check.js';
import type { AttachmentPart } from '../../../../src/lrs/attachments/attachment-part.js';
import { readStatementContent } from '../../../../src/lrs/attachments/multipart-parser.js';
import type { Statement } from '../../../../src/lrs/xapi/xapi.types.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';
import { multipartRequest, sha256, signedStatement, statementWith, suiteSignedBody, textAttachment, TEXT1, TEXT2, TEXT3 } from './multipart-fixtures.js';

const part = (content: Buffer, sha2 = sha256(content)): AttachmentPart => ({ sha2, contentType: 'text/plain', content });

function refused(statements: Statement[], parts: AttachmentPart[], reason: RegExp) {
  assert.throws(
    () => checkAttachments(statements, parts),
    (err: unknown) => err instanceof XapiError && err.status === 400 && reason.test(String(err.params.reason)),
  );
}

/** helper.js#signStatement, end to end: the statement signed by jose, posted as the suite posts it, read, checked. */
async function suiteSigned(statement: Statement, options: { alg?: string; contentType?: string; breakJson?: boolean } = {}) {
  const alg = options.alg ?? 'RS256';
  const { privateKey } = await generateKeyPair(alg === 'HS256' ? 'RS256' : alg);
  const key = alg === 'HS256' ? new TextEncoder().encode('-----BEGIN RSA PRIVATE KEY-----') : privateKey;
  const payload = options.breakJson ? JSON.stringify(statement).replace('"', "'") : JSON.stringify(statement);
  const jws = await new CompactSign(Buffer.from(payload)).setProtectedHeader({ alg }).sign(key);
  const boundary = `-------------${Math.floor(Math.random() * 0xffffffff)}`;
  const { json, parts } = await readStatementContent(multipartRequest(suiteSignedBody(signedStatement(statement, jws, options.contentType), jws, boundary), boundary));
  return () => checkAttachments([json as Statement], parts);
}

describe('attachments of statements (Data 2.4.11, Communication 1.5.2)', () => {
  it('accepts attachments with their data in parts, with a fileUrl instead, or both', () => {
    checkAttachments([statementWith([textAttachment(TEXT1), textAttachment(TEXT2)])], [part(TEXT1), part(TEXT2)]);
    checkAttachments([statementWith([textAttachment(TEXT1, { fileUrl: 'http://over.there.com/file.txt' })])], []);
    checkAttachments([statementWith([textAttachment(TEXT1, { fileUrl: 'http://over.there.com/file.txt' })])], [part(TEXT1)]);
    checkAttachments([statementWith(), statementWith([])], []);
  });

  it('matches by hash only, without regard to case, one part serving several statements', () => {
    const upper = textAttachment(TEXT1, { sha2: sha256(TEXT1).toUpperCase() });
    checkAttachments([statementWith([upper]), statementWith([textAttachment(TEXT1)])], [part(TEXT1)]);
  });

  it('refuses an attachment with neither fileUrl nor a part carrying its data (XAPI-00129)', () => {
    refused(
      [statementWith([textAttachment(TEXT1)]), statementWith([textAttachment(TEXT1), textAttachment(TEXT2)])],
      [part(TEXT1)],
      new RegExp(`^statements\\[1\\]\\.attachments\\[1\\] has no fileUrl and no part of the request carries its data \\(X-Experience-API-Hash ${sha256(TEXT2)}\\)`),
    );
    refused([statementWith([textAttachment(TEXT1)])], [], /statements\[0\]\.attachments\[0\] has no fileUrl/);
  });

  it('refuses a part that no attachment declares (XAPI-00128)', () => {
    refused(
      [statementWith([textAttachment(TEXT1), textAttachment(TEXT2)])],
      [part(TEXT1), part(TEXT2), part(TEXT3)],
      new RegExp(`part \\(X-Experience-API-Hash ${sha256(TEXT3)}\\) that no attachment of its statements declares`),
    );
    refused([statementWith()], [part(TEXT1)], /that no attachment of its statements declares/);
  });

  it('counts the attachments of a SubStatement', () => {
    const sub: Statement = {
      ...statementWith(),
      object: { ...statementWith([textAttachment(TEXT2)]), objectType: 'SubStatement' } as Statement['object'],
    };
    checkAttachments([sub], [part(TEXT2)]);
    refused([sub], [], /statements\[0\]\.object\.attachments\[0\] has no fileUrl/);
    assert.deepEqual(attachmentHashes([{ ...sub, attachments: [textAttachment(TEXT1, { sha2: sha256(TEXT1).toUpperCase() })] }, statementWith([textAttachment(TEXT1)])]), [
      sha256(TEXT1),
      sha256(TEXT2),
    ]);
  });

  describe('signed statements (Data 2.6)', () => {
    const statement: Statement = { ...statementWith(), id: '6f1b2e3a-8a7c-4d6e-9f10-2b3c4d5e6f70' };

    for (const alg of ['RS256', 'RS384', 'RS512']) {
      it(`accepts a statement signed ${alg} as the suite posts it (XAPI-00117)`, async () => {
        (await suiteSigned(statement, { alg }))();
      });
    }

    it('refuses a signature typed other than application/octet-stream (XAPI-00115)', async () => {
      const check = await suiteSigned(statement, { contentType: 'text/plain; charset=ascii' });
      assert.throws(check, (err: unknown) => err instanceof XapiError && err.status === 400 && /must have contentType application\/octet-stream/.test(String(err.params.reason)));
    });

    it('refuses a signature whose payload is not JSON (XAPI-00115, XAPI-00116), naming the statement', async () => {
      const check = await suiteSigned(statement, { breakJson: true });
      assert.throws(check, (err: unknown) => err instanceof XapiError && err.status === 400 && /^statements\[0\]: The statement signature is malformed: its payload is not valid JSON/.test(String(err.params.reason)));
    });

    it('refuses another algorithm (XAPI-00117)', async () => {
      const check = await suiteSigned(statement, { alg: 'HS256' });
      assert.throws(check, (err: unknown) => err instanceof XapiError && err.status === 400 && /algorithm is "HS256"/.test(String(err.params.reason)));
    });

    it('refuses a signature attachment whose JWS is not sent, even with a fileUrl', () => {
      const signed = signedStatement(statement, 'x.y.z');
      signed.attachments![0]!.fileUrl = 'http://example.com/signature.jws';
      refused([signed], [], /the signature attachment \(sha2 [0-9a-f]{64}\) must be sent as a part of the request/);
    });
  });
});
