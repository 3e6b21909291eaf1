import { Client, errors, type ClientOptions, type estypes } from '@elastic/elasticsearch';
import { indexName, type ElasticsearchSinkConfig } from './sink-config.js';
import { retryAfterMs, shortReason, SinkUnavailableError, type ForwardingSink, type ItemOutcome } from './forwarding-sink.js';
import type { OutboxItem } from './sink-outbox.repository.js';

/** Item statuses that another try may change: overload (429), a shard or node away (5xx), a blocked or missing index an administrator fixes (403, 404), a timeout (408). */
const RETRIABLE_ITEM_STATUSES = new Set([403, 404, 408, 429]);

/**
 * Statements into Elasticsearch with the bulk API, one `index` action per statement whose `_id`
 * is the statement id: sending a statement again overwrites it with itself, so at-least-once
 * delivery leaves one document per statement. The index is per platform unless configured
 * otherwise (LRS_ELASTICSEARCH_INDEX). Uses the 8.x client, which speaks to Elasticsearch 8 and,
 * through REST compatibility, 9; a 9.x client is refused by an 8 server.
 */
export class ElasticsearchSink implements ForwardingSink {
  readonly name = 'elasticsearch';
  private readonly client: Client;

  /** `ca`: the content of LRS_ELASTICSEARCH_CA_FILE, read once at boot. */
  constructor(
    private readonly config: ElasticsearchSinkConfig,
    ca?: Buffer,
  ) {
    this.client = new Client(clientOptions(config, ca));
  }

  async deliver(items: readonly OutboxItem[]): Promise<ItemOutcome[]> {
    const operations = items.flatMap((item) => [
      { index: { _index: indexName(this.config.index, item.platformId), _id: item.statementId } },
      statementDocument(item),
    ]);
    let response: estypes.BulkResponse;
    try {
      // filter_path: only what tells each item's fate comes back, not 500 copies of shard statistics.
      response = await this.client.bulk({ operations, filter_path: 'errors,items.*.status,items.*.error' });
    } catch (err) {
      throw unavailable(err);
    }
    if (!response.errors) return items.map(() => ({ kind: 'delivered' }));
    return items.map((_, n) => itemOutcome(response.items?.[n]));
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}

/**
 * Not through src/http/outbound.ts: the client speaks through its own transport (connection pool,
 * sniffing, its undici), which a fetch cannot stand in for. The URL is the operator's (env), so
 * no address rule applies; time and size are bounded here instead, and failures are classified in
 * `unavailable` below.
 */
function clientOptions(config: ElasticsearchSinkConfig, ca: Buffer | undefined): ClientOptions {
  return {
    node: config.url,
    auth: config.auth,
    tls: ca ? { ca } : undefined,
    // The outbox retries, with backoff and across restarts; the client must not retry on its own.
    maxRetries: 0,
    requestTimeout: 30_000,
    // A bulk answer filtered to each item's status is a few hundred kilobytes at most.
    maxResponseSize: 16 * 1024 * 1024,
    maxCompressedResponseSize: 16 * 1024 * 1024,
  };
}

/**
 * The document of a statement: the statement as stored, `stored` as the LRS set it (an ISO date,
 * which Elasticsearch maps as a date), and the platform it came from (xAPI statements have no
 * property of that name, Data 2.4).
 */
export function statementDocument(item: OutboxItem): Record<string, unknown> {
  return { ...item.statement, stored: item.stored.toISOString(), platform_id: item.platformId };
}

/** One item of a bulk answer (Elasticsearch "Bulk API", response body `items`). */
export function itemOutcome(result: Partial<Record<string, estypes.BulkResponseItem>> | undefined): ItemOutcome {
  const item = result?.index;
  if (!item) return { kind: 'retry', reason: 'elasticsearch: no answer for this document' };
  if (item.status >= 200 && item.status < 300) return { kind: 'delivered' };
  const reason = shortReason(`elasticsearch ${item.status}: ${item.error?.type ?? 'error'}: ${item.error?.reason ?? ''}`);
  return item.status >= 500 || RETRIABLE_ITEM_STATUSES.has(item.status) ? { kind: 'retry', reason } : { kind: 'fail', reason };
}

/**
 * The whole request failed (or its answer was lost): the batch is sent again, which indexes the
 * same documents. The client's error is not kept as the cause: its `meta` holds the request,
 * statements included, which must not reach the logs.
 */
function unavailable(err: unknown): SinkUnavailableError {
  if (err instanceof errors.ResponseError) {
    const status = err.meta.statusCode ?? 0;
    const retryAfter = retryAfterMs(err.meta.headers?.['retry-after']);
    return new SinkUnavailableError('elasticsearch', shortReason(`${status}: ${err.message}`), retryAfter);
  }
  const reason = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new SinkUnavailableError('elasticsearch', shortReason(reason));
}
