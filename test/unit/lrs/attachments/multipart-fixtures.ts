import { createHash, createSign, type KeyObject } from 'node:crypto';
import type { XapiRequest } from '../../../../src/lrs/http/xapi-request.js';
import type { Attachment, Statement } from '../../../../src/lrs/xapi/xapi.types.js';

/** Builders of the request bodies the ADL conformance suite sends (test/v1_0_3, helper.js#signStatement). */

export const BOUNDARY = '-------314159265358979323846';
export const CRLF = '\r\n';
export const SIGNATURE = 'http://adlnet.gov/expapi/attachments/signature';

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

/** The suite's simple_text1.txt … simple_text3.txt. */
export const TEXT1 = Buffer.from('here is a simple attachment');
export const TEXT2 = Buffer.from('here is another simple attachment');
export const TEXT3 = Buffer.from('here is a third attachment');

export function statementWith(attachments: Attachment[] | undefined = undefined): Statement {
  return {
    actor: { objectType: 'Agent', mbox: 'mailto:learner@example.com', name: 'Inès Dupont' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attended', display: { 'en-US': 'attended' } },
    object: { objectType: 'Activity', id: 'http://www.example.com/meetings/occurances/34534' },
    ...(attachments ? { attachments } : {}),
  };
}

export function textAttachment(content: Buffer, extra: Partial<Attachment> = {}): Attachment {
  return {
    usageType: 'http://example.com/attachment-usage/test',
    display: { 'en-US': 'A test attachment' },
    contentType: 'text/plain',
    length: content.length,
    sha2: sha256(content),
    ...extra,
  };
}

/** An attachment part as the suite writes it: "Content-Type", "Content-Transfer-Encoding: binary", "X-Experience-API-Hash". */
export function attachmentPart(content: Buffer | string, headers: Record<string, string | undefined> = {}): string {
  const all: Record<string, string | undefined> = {
    'Content-Type': 'text/plain',
    'Content-Transfer-Encoding': 'binary',
    'X-Experience-API-Hash': sha256(content),
    ...headers,
  };
  const lines = Object.entries(all)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`);
  return `${lines.join(CRLF)}${CRLF}${CRLF}${content.toString()}`;
}

/** "--boundary CRLF part CRLF" for each part, then "--boundary--" (Communication 1.5.2 examples). */
export function multipartBody(parts: string[], boundary = BOUNDARY): Buffer {
  return Buffer.from(parts.map((p) => `--${boundary}${CRLF}${p}${CRLF}`).join('') + `--${boundary}--${CRLF}`);
}

export function jsonPart(json: unknown): string {
  return `Content-Type: application/json${CRLF}${CRLF}${JSON.stringify(json)}`;
}

export function request(contentTypeHeader: string | undefined, body: Buffer | string): XapiRequest {
  return {
    method: 'POST',
    params: {},
    headers: contentTypeHeader ? { 'content-type': contentTypeHeader } : {},
    contentType: contentTypeHeader?.split(';')[0]!.trim().toLowerCase(),
    contentTypeHeader,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body),
  };
}

export const multipartRequest = (body: Buffer, boundary = BOUNDARY) => request(`multipart/mixed; boundary=${boundary}`, body);

/** A compact JWS made by hand with node:crypto (any RSA key size, any header), as clients do. */
export function signJws(payload: unknown, key: KeyObject, header: Record<string, unknown> = { alg: 'RS256' }): string {
  const encode = (v: unknown) => Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  const hash = { RS256: 'SHA256', RS384: 'SHA384', RS512: 'SHA512' }[header.alg as string] ?? 'SHA256';
  return `${input}.${createSign(hash).update(input).sign(key).toString('base64url')}`;
}

/** helper.js#signStatement: the statement signed without attachments, then the signature attachment added. */
export function signedStatement(statement: Statement, jws: string, contentType = 'application/octet-stream'): Statement {
  return {
    ...statement,
    attachments: [
      ...(statement.attachments ?? []),
      {
        usageType: SIGNATURE,
        display: { 'en-US': 'Signed by the Test Suite' },
        description: { 'en-US': 'Signed by the Test Suite' },
        contentType,
        length: Buffer.byteLength(jws),
        sha2: sha256(jws),
      },
    ],
  };
}

/** The body helper.js#signStatement posts: a leading CRLF, no space after the colons, no CRLF at the end. */
export function suiteSignedBody(statement: Statement, jws: string, boundary: string): Buffer {
  const signature = statement.attachments!.at(-1)!;
  return Buffer.concat([
    Buffer.from(['', `--${boundary}`, 'Content-Type:application/json', '', ''].join(CRLF)),
    Buffer.from(JSON.stringify(statement)),
    Buffer.from(
      ['', `--${boundary}`, `Content-Type:${signature.contentType}`, 'Content-Transfer-Encoding:binary', `X-Experience-API-Hash:${signature.sha2}`, '', ''].join(CRLF),
    ),
    Buffer.from(jws),
    Buffer.from(`${CRLF}--${boundary}--`),
  ]);
}
