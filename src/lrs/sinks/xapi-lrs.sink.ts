import { randomBytes } from 'node:crypto';
import { describeOutboundFailure, type OutboundHttp } from '../../http/outbound.js';
import type { AttachmentPart } from '../attachments/attachment-part.js';
import { multipartBody } from '../attachments/multipart-writer.js';
import type { XapiLrsSinkConfig } from './sink-config.js';
import { retryAfterMs, shortReason, SinkUnavailableError, type ForwardingSink, type ItemOutcome } from './forwarding-sink.js';
import type { OutboxItem } from './sink-outbox.repository.js';

/** The stored attachment data of some statements of a platform (by sha2). */
export type AttachmentLoader = (platformId: string, sha2s: readonly string[]) => Promise<AttachmentPart[]>;

/**
 * Answers about the batch as a whole that name no statement: a batch is stored all or nothing
 * (Communication 2.1.2), so the batch is split in halves until the statements refused are alone.
 * 400 (a statement the other LRS finds invalid), 409 (an id it holds with other content), 413 (too large).
 */
const SPLIT_STATUSES = new Set([400, 409, 413]);
/** What is read of an answer (its start names the refused statement); the rest is not needed. */
const MAX_ANSWER_BYTES = 256 * 1024;

/**
 * Statements to another LRS (e.g. Ralph) with POST <url>/statements (xAPI Communication 2.1.2),
 * in batches, with `X-Experience-API-Version: 1.0.3` and HTTP Basic (Communication 4.1). The
 * statement id is the key: statements sent again are the same statements, which a conformant LRS
 * accepts (Data 2.3.1 compares without `stored` and `authority`), and a 409 for a lone statement
 * means the LRS holds that id already: it counts as delivered. Attachments whose data Amphi holds
 * travel in multipart/mixed (Communication 1.5.2), as the other LRS requires them.
 */
export class XapiLrsSink implements ForwardingSink {
  readonly name = 'xapi';
  private readonly endpoint: string;
  private readonly authorization: string | undefined;

  constructor(
    config: XapiLrsSinkConfig,
    private readonly loadAttachments: AttachmentLoader,
    /** The operator set the URL (env): 'operator' trust, but time, size and errors bounded like any other request. */
    private readonly outbound: OutboundHttp,
    private readonly timeoutMs = 30_000,
  ) {
    this.endpoint = `${config.url}/statements`;
    this.authorization = config.auth ? `Basic ${Buffer.from(`${config.auth.username}:${config.auth.password}`).toString('base64')}` : undefined;
  }

  async deliver(items: readonly OutboxItem[]): Promise<ItemOutcome[]> {
    if (items.length === 0) return [];
    const res = await this.post(items);
    if (res.ok) return items.map(() => ({ kind: 'delivered' }));
    if (items.length > 1) {
      const half = Math.ceil(items.length / 2);
      return [...(await this.deliver(items.slice(0, half))), ...(await this.deliver(items.slice(half)))];
    }
    const reason = shortReason(`xapi ${res.status}: ${res.text}`);
    return [res.status === 409 ? { kind: 'delivered', warning: `the LRS holds another statement with this id (${reason})` } : { kind: 'fail', reason }];
  }

  async close(): Promise<void> {}

  /** One POST; answers that may name a statement come back, anything else is thrown as the LRS being unavailable. */
  private async post(items: readonly OutboxItem[]): Promise<{ ok: boolean; status: number; text: string }> {
    const { body, contentType } = await this.body(items);
    let response: Response;
    try {
      response = await this.outbound.fetch(this.endpoint, {
        method: 'POST',
        headers: {
          'X-Experience-API-Version': '1.0.3',
          'Content-Type': contentType,
          ...(this.authorization ? { Authorization: this.authorization } : {}),
        },
        body,
        trust: 'operator',
        timeoutMs: this.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
      });
    } catch (err) {
      const reason = `${describeOutboundFailure(err).message}${causeText(err)}`;
      throw new SinkUnavailableError('xapi', shortReason(reason), undefined, { cause: err });
    }
    const text = await response.text().catch(() => '');
    if (response.ok || SPLIT_STATUSES.has(response.status)) return { ok: response.ok, status: response.status, text };
    // 401/403/404: Amphi's settings, which an administrator fixes; 408, 429, 5xx: the LRS is busy or down.
    throw new SinkUnavailableError('xapi', shortReason(`${response.status}: ${text}`), retryAfterMs(response.headers.get('retry-after')));
  }

  private async body(items: readonly OutboxItem[]): Promise<{ body: Uint8Array<ArrayBuffer> | string; contentType: string }> {
    const statements = items.map((i) => i.statement);
    const parts = await this.attachmentParts(items);
    if (parts.length === 0) return { body: JSON.stringify(statements), contentType: 'application/json' };
    const boundary = randomBytes(16).toString('hex');
    // A copy on an ArrayBuffer of its own: what fetch's types take.
    return { body: new Uint8Array(multipartBody(boundary, statements, parts)), contentType: `multipart/mixed; boundary=${boundary}` };
  }

  private async attachmentParts(items: readonly OutboxItem[]): Promise<AttachmentPart[]> {
    const byPlatform = new Map<string, Set<string>>();
    for (const item of items) {
      for (const sha2 of item.attachmentHashes ?? []) {
        const set = byPlatform.get(item.platformId) ?? new Set<string>();
        set.add(sha2);
        byPlatform.set(item.platformId, set);
      }
    }
    const parts: AttachmentPart[] = [];
    for (const [platformId, sha2s] of byPlatform) parts.push(...(await this.loadAttachments(platformId, [...sha2s])));
    return parts;
  }
}

/** The system's code (ECONNREFUSED, a certificate's…) deep in the cause chain, for the operator. */
function causeText(err: unknown): string {
  for (let e: unknown = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string') return ` (${code})`;
  }
  return '';
}
