import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import type { AttachmentPart } from './attachment-part.js';

/**
 * Answers with statements and their attachments in the multipart/mixed transmission format
 * (Communication 1.5.2), as GET statements?attachments=true must (Communication 2.1.3): the JSON
 * first, then each attachment once, with its Content-Type, `Content-Transfer-Encoding: binary` and
 * `X-Experience-API-Hash`. The status and other headers are the caller's.
 */
export function sendMultipart(res: Response, json: unknown, parts: AttachmentPart[]): void {
  // Hex only: some clients (the ADL suite among them) put the boundary into a regular expression.
  const boundary = randomBytes(16).toString('hex');
  const body = multipartBody(boundary, json, parts);
  // setHeader, not res.type(): Express must not add a charset after the boundary parameter.
  res.setHeader('Content-Type', `multipart/mixed; boundary=${boundary}`);
  res.setHeader('Content-Length', body.length);
  res.end(body);
}

/** The body: each part opened by CRLF "--" boundary, closed by "--" boundary "--" (RFC 2046 5.1.1). */
export function multipartBody(boundary: string, json: unknown, parts: AttachmentPart[]): Buffer {
  const chunks: Buffer[] = [Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n`), Buffer.from(JSON.stringify(json), 'utf8')];
  const sent = new Set<string>();
  for (const part of parts) {
    const sha2 = part.sha2.toLowerCase();
    if (sent.has(sha2)) continue; // one copy of data that several statements share (1.5.2)
    sent.add(sha2);
    chunks.push(
      Buffer.from(
        `\r\n--${boundary}\r\nContent-Type: ${part.contentType}\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${part.sha2}\r\n\r\n`,
        'latin1',
      ),
      part.content,
    );
  }
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
