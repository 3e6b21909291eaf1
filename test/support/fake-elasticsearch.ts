import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A per-document refusal, as Elasticsearch puts it in a bulk answer's `items`. */
export interface ItemError {
  status: number;
  type: string;
  reason: string;
}

export interface FakeElasticsearch {
  url: string;
  /** Documents per index, by `_id`. */
  indices: Map<string, Map<string, Record<string, unknown>>>;
  /** Index operations that succeeded, per `<index>/<_id>` (a document written twice counts 2). */
  writes: Map<string, number>;
  /** Bulk requests received (answered or failed on purpose). */
  bulkRequests: number;
  /** The headers of the last request, lower-case. */
  lastHeaders: http.IncomingHttpHeaders;
  /** While true, every connection is cut without an answer, as a node that is gone. */
  down: boolean;
  /** The next `n` bulk requests are answered `status` as a whole (503: the cluster is not ready). */
  failNext(n: number, status?: number): void;
  /** Refuses some documents (a mapping error…); the others of the batch are indexed. */
  itemError: ((index: string, id: string, doc: Record<string, unknown>) => ItemError | undefined) | undefined;
  document(index: string, id: string): Record<string, unknown> | undefined;
  close(): Promise<void>;
}

/**
 * Enough of an Elasticsearch 8 node for @elastic/elasticsearch: `GET /` and `POST /_bulk`, every
 * answer with `x-elastic-product: Elasticsearch` (the client refuses a node without it), REST
 * compatibility headers checked as an 8.x node does (compatible-with 7 or 8, else 400), an
 * optional API key or Basic credential required, NDJSON action lines validated, and, unlike a
 * real node, `_id` required on every action (forwarding must be idempotent).
 */
export async function startFakeElasticsearch(options: { apiKey?: string; basic?: { username: string; password: string } } = {}): Promise<FakeElasticsearch> {
  let failures: { left: number; status: number } = { left: 0, status: 503 };
  const fake: FakeElasticsearch = {
    url: '',
    indices: new Map(),
    writes: new Map(),
    bulkRequests: 0,
    lastHeaders: {},
    down: false,
    failNext(n, status = 503) {
      failures = { left: n, status };
    },
    itemError: undefined,
    document: (index, id) => fake.indices.get(index)?.get(id),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer(async (req, res) => {
    if (fake.down) return req.socket.destroy();
    fake.lastHeaders = req.headers;
    const body = await readBody(req);
    const versionError = compatibilityError(req.headers);
    if (versionError) return send(res, 400, errorBody('media_type_header_exception', versionError));
    if (!authorized(req.headers.authorization, options)) return send(res, 401, errorBody('security_exception', 'missing authentication credentials'));
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (req.method === 'GET' && path === '/') {
      return send(res, 200, { name: 'fake', cluster_name: 'fake', version: { number: '8.19.0', build_flavor: 'default' }, tagline: 'You Know, for Search' });
    }
    const bulk = /^(?:\/([^/_][^/]*))?\/_bulk$/.exec(path);
    if (req.method !== 'POST' && req.method !== 'PUT') return send(res, 405, errorBody('illegal_argument_exception', 'method not allowed'));
    if (!bulk) return send(res, 400, errorBody('illegal_argument_exception', `no handler for ${path}`));
    fake.bulkRequests++;
    if (failures.left > 0) {
      failures.left--;
      return send(res, failures.status, errorBody('cluster_block_exception', 'failing on purpose'));
    }
    try {
      send(res, 200, runBulk(fake, body, bulk[1] ? decodeURIComponent(bulk[1]) : undefined));
    } catch (err) {
      send(res, 400, errorBody('action_request_validation_exception', (err as Error).message));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return fake;
}

function runBulk(fake: FakeElasticsearch, body: string, pathIndex: string | undefined) {
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  if (!body.endsWith('\n')) throw new Error('The bulk request must be terminated by a newline [\\n]');
  const items: Record<string, unknown>[] = [];
  for (let n = 0; n < lines.length; n += 2) {
    const action = JSON.parse(lines[n]!) as Record<string, { _index?: string; _id?: string }>;
    const keys = Object.keys(action);
    if (keys.length !== 1 || !['index', 'create'].includes(keys[0]!)) throw new Error(`Malformed action/metadata line [${n + 1}]`);
    const meta = action[keys[0]!]!;
    const index = meta._index ?? pathIndex;
    if (!index || index !== index.toLowerCase()) throw new Error(`invalid index name [${index}]`);
    if (!meta._id) throw new Error('the fake wants an _id on every action');
    if (lines[n + 1] === undefined) throw new Error('a document line is missing');
    const doc = JSON.parse(lines[n + 1]!) as Record<string, unknown>;
    const refusal = fake.itemError?.(index, meta._id, doc);
    if (refusal) {
      items.push({ [keys[0]!]: { _index: index, _id: meta._id, status: refusal.status, error: { type: refusal.type, reason: refusal.reason } } });
      continue;
    }
    const docs = fake.indices.get(index) ?? new Map<string, Record<string, unknown>>();
    fake.indices.set(index, docs);
    const created = !docs.has(meta._id);
    docs.set(meta._id, doc);
    const key = `${index}/${meta._id}`;
    fake.writes.set(key, (fake.writes.get(key) ?? 0) + 1);
    items.push({ [keys[0]!]: { _index: index, _id: meta._id, status: created ? 201 : 200, result: created ? 'created' : 'updated' } });
  }
  return { took: 1, errors: items.some((i) => Object.values(i)[0] && (Object.values(i)[0] as { error?: unknown }).error), items };
}

/** An 8.x node accepts `compatible-with` 7 or 8 in Accept and Content-Type (REST API compatibility), not 9. */
function compatibilityError(headers: http.IncomingHttpHeaders): string | undefined {
  for (const name of ['accept', 'content-type'] as const) {
    const m = /compatible-with=(\d+)/.exec(headers[name] ?? '');
    if (m && m[1] !== '7' && m[1] !== '8') return `Invalid media-type value on headers [${name}]: compatible-with=${m[1]}, this node accepts 7 or 8`;
  }
  return undefined;
}

function authorized(header: string | undefined, options: { apiKey?: string; basic?: { username: string; password: string } }): boolean {
  if (options.apiKey) return header === `ApiKey ${options.apiKey}`;
  if (options.basic) return header === `Basic ${Buffer.from(`${options.basic.username}:${options.basic.password}`).toString('base64')}`;
  return true;
}

function errorBody(type: string, reason: string) {
  return { error: { root_cause: [{ type, reason }], type, reason }, status: 0 };
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const payload = body && typeof body === 'object' && 'status' in body && (body as { status: number }).status === 0 ? { ...body, status } : body;
  res
    .writeHead(status, { 'content-type': 'application/vnd.elasticsearch+json;compatible-with=8', 'x-elastic-product': 'Elasticsearch' })
    .end(JSON.stringify(payload));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
