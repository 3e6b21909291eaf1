import type { Response } from 'express';
import type { XapiRequest } from '../http/xapi-request.js';
import { etagOf, readPreconditions } from './document-concurrency.js';
import type { DocumentUpload, StoredDocument } from './document.service.js';

/** How the three document resources read a document from a request and answer (Communication 2.2, 3.1). */

export function readUpload(xreq: XapiRequest): DocumentUpload {
  return {
    contentType: xreq.contentTypeHeader ?? 'application/octet-stream',
    content: xreq.body,
    preconditions: readPreconditions(xreq.headers),
  };
}

/** 200 with the document as stored: its Content-Type, ETag (3.1.s4.b1) and Last-Modified (2.2.s6.b1). */
export function sendDocument(res: Response, doc: StoredDocument): void {
  res.status(200);
  res.setHeader('Content-Type', doc.contentType);
  // The type is the client's: a stored HTML page must not run or render as Amphi's own page.
  res.setHeader('Content-Security-Policy', "sandbox; default-src 'none'");
  res.setHeader('Content-Disposition', 'attachment');
  res.setHeader('ETag', doc.etag);
  res.setHeader('Last-Modified', doc.updatedAt.toUTCString());
  res.send(doc.content);
}

/** 200 with the array of ids, Last-Modified of the latest one (2.2.s6.b2) and an ETag of the array. */
export function sendDocumentIds(res: Response, list: { ids: string[]; lastModified: Date | undefined }): void {
  const body = Buffer.from(JSON.stringify(list.ids), 'utf8');
  res.status(200);
  res.setHeader('Content-Type', 'application/json');
  res.setHeader('ETag', etagOf(body));
  if (list.lastModified) res.setHeader('Last-Modified', list.lastModified.toUTCString());
  res.send(body);
}

export function sendNoContent(res: Response): void {
  res.status(204).end();
}
