import express, { type Request, type Response } from 'express';
import { AppError } from '../../http/errors.js';

/**
 * How much of an alternate-syntax form (Communication 1.3) is read before the credential it
 * carries as its `Authorization` field is checked. 64 KiB holds every field a client puts before
 * the content: the Basic credential (under 400 bytes), the other header fields, and the
 * resource's parameters (IRIs of at most 1,024 bytes, stateId and profileId of at most 1,000, an
 * agent's JSON), each up to three times longer percent-encoded. The libraries that speak this
 * syntax (ADL's xAPIWrapper, TinCanJS) write the header fields first and `content` last, so a
 * large content is read only once the credential has been checked; an anonymous client costs
 * 64 KiB per request instead of LRS_BODY_LIMIT (20 MB).
 */
export const ALTERNATE_SYNTAX_CREDENTIAL_WINDOW = 64 * 1024;

/** The body as bytes (express.raw: any type, Content-Encoding inflated), up to `limit` (e.g. "20mb"). */
export function rawBodyReader(limit: string): (req: Request, res: Response) => Promise<Buffer> {
  const raw = express.raw({ type: () => true, limit });
  const limitBytes = parseByteSize(limit);
  return (req, res) => {
    // Refused before reading (body-parser would read the whole declared body, only to discard it).
    if (Number(req.headers['content-length']) > limitBytes) return Promise.reject(tooLarge(limitBytes));
    return new Promise((resolve, reject) => {
      raw(req, res, (err?: unknown) => {
        if (err) return reject(err);
        bodyRead(res);
        resolve(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
      });
    });
  };
}

/**
 * A body read in steps: first up to a window (enough to find a credential), then, once the
 * credential is checked, the rest. Between steps the request is paused: nothing more is read.
 */
export class StepwiseBody {
  private readonly chunks: Buffer[] = [];
  size = 0;
  ended = false;

  constructor(
    private readonly req: Request,
    private readonly res: Response,
  ) {}

  bytes(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }

  /** Reads until at least `bytes` bytes are in, or the body has ended. */
  async readUpTo(bytes: number): Promise<void> {
    const req = this.req;
    // 'end' may have been emitted between two steps (after the last chunk), with no listener.
    if (!this.ended && req.readableEnded) {
      this.ended = true;
      bodyRead(this.res);
    }
    if (this.ended || this.size >= bytes) return;
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        this.chunks.push(chunk);
        this.size += chunk.length;
        if (this.size >= bytes) finish();
      };
      const onEnd = () => {
        this.ended = true;
        bodyRead(this.res);
        finish();
      };
      const onClose = () => fail(new AppError('malformed-body', 400, { reason: 'the request was aborted before its body was complete' }));
      const fail = (err: unknown) => {
        cleanup();
        reject(err);
      };
      const finish = () => {
        cleanup();
        resolve();
      };
      const cleanup = () => {
        req.pause();
        req.off('data', onData).off('end', onEnd).off('error', fail).off('close', onClose);
      };
      req.on('data', onData).on('end', onEnd).on('error', fail).on('close', onClose);
      req.resume();
    });
  }

  /** The whole body, or 413 past `limit` (then the rest is not read). */
  async readAll(limit: string): Promise<Buffer> {
    const limitBytes = parseByteSize(limit);
    if (Number(this.req.headers['content-length']) > limitBytes) throw tooLarge(limitBytes);
    await this.readUpTo(limitBytes + 1);
    if (this.size > limitBytes) throw tooLarge(limitBytes);
    return this.bytes();
  }
}

/**
 * True when the request declares a body that has not been read: an answer sent now closes the
 * connection (`Connection: close`) instead of letting Node read and discard the rest.
 */
export function hasUnreadBody(req: Request, res: Response): boolean {
  if (res.locals.lrsBodyRead === true || req.readableEnded) return false;
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function bodyRead(res: Response): void {
  res.locals.lrsBodyRead = true;
}

function tooLarge(limitBytes: number): AppError {
  return new AppError('body-too-large', 413, { limit: `${limitBytes} bytes` });
}

/** "100kb", "20mb" (config.ts checks the shape) in bytes, with body-parser's 1024 multiples. */
export function parseByteSize(size: string): number {
  const match = /^(\d+)(b|kb|mb)$/i.exec(size);
  if (!match) throw new Error(`Not a byte size: ${size}`);
  const unit = { b: 1, kb: 1024, mb: 1024 * 1024 }[match[2]!.toLowerCase() as 'b' | 'kb' | 'mb'];
  return Number(match[1]) * unit;
}
