import http from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import type { AddressInfo } from 'node:net';

type Json = Record<string, unknown>;

export interface FakeLrs {
  /** The xAPI base (…/xAPI), as LRS_FORWARD_URL takes it. */
  url: string;
  /** Statements stored, by id. */
  statements: Map<string, Json>;
  /** Times each id came in a batch that was accepted (a statement sent again counts again). */
  received: Map<string, number>;
  /** Attachment data received, by sha2. */
  attachments: Map<string, { contentType: string; content: Buffer }>;
  /** POST requests received (answered or failed on purpose). */
  posts: number;
  lastHeaders: http.IncomingHttpHeaders;
  /** While true, every connection is cut without an answer, as a server that is gone. */
  down: boolean;
  /** The next `n` POSTs are answered `status` (with `Retry-After` when given). */
  failNext(n: number, status?: number, retryAfterSeconds?: number): void;
  /** Statements this LRS finds invalid (400 for their whole batch, as Communication 2.1.2 has it). */
  refuse: ((statement: Json) => string | undefined) | undefined;
  close(): Promise<void>;
}

/**
 * Enough of an LRS (Ralph, say) for forwarding: POST <base>/statements with HTTP Basic and
 * X-Experience-API-Version, JSON or multipart/mixed (Communication 1.5.2). A batch is stored all or
 * nothing; an id already held with other content is a 409 for the batch (Data 2.3.1 comparison:
 * `stored`, `authority` and `version` do not count), the same content again is fine.
 */
export async function startFakeLrs(auth: { username: string; password: string }): Promise<FakeLrs> {
  let failures = { left: 0, status: 503, retryAfter: undefined as number | undefined };
  const expected = `Basic ${Buffer.from(`${auth.username}:${auth.password}`).toString('base64')}`;
  const fake: FakeLrs = {
    url: '',
    statements: new Map(),
    received: new Map(),
    attachments: new Map(),
    posts: 0,
    lastHeaders: {},
    down: false,
    failNext(n, status = 503, retryAfterSeconds) {
      failures = { left: n, status, retryAfter: retryAfterSeconds };
    },
    refuse: undefined,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };

  const server = http.createServer(async (req, res) => {
    if (fake.down) return req.socket.destroy();
    const body = await readBody(req);
    fake.lastHeaders = req.headers;
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/xAPI/statements' || req.method !== 'POST') return answer(res, 404, 'not found');
    fake.posts++;
    if (req.headers.authorization !== expected) return answer(res, 401, 'bad credentials');
    if (!/^1\.0(\.\d)?$/.test(String(req.headers['x-experience-api-version']))) return answer(res, 400, 'X-Experience-API-Version missing');
    if (failures.left > 0) {
      failures.left--;
      return answer(res, failures.status, 'failing on purpose', failures.retryAfter);
    }
    let batch: Json[];
    let parts: Map<string, { contentType: string; content: Buffer }>;
    try {
      ({ batch, parts } = parseBody(req.headers['content-type'] ?? '', body));
    } catch (err) {
      return answer(res, 400, (err as Error).message);
    }
    const problem = checkBatch(fake, batch, parts);
    if (problem) return answer(res, problem.status, problem.reason);
    for (const s of batch) {
      const id = String(s.id);
      fake.statements.set(id, s);
      fake.received.set(id, (fake.received.get(id) ?? 0) + 1);
    }
    for (const [sha2, part] of parts) fake.attachments.set(sha2, part);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(batch.map((s) => s.id)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/xAPI`;
  return fake;
}

function checkBatch(fake: FakeLrs, batch: Json[], parts: Map<string, unknown>): { status: number; reason: string } | undefined {
  const ids = batch.map((s) => String(s.id));
  if (ids.some((id) => id === 'undefined')) return { status: 400, reason: 'forwarded statements carry their id' };
  if (new Set(ids).size !== ids.length) return { status: 400, reason: 'two statements with the same id' };
  for (const s of batch) {
    const refusal = fake.refuse?.(s);
    if (refusal) return { status: 400, reason: refusal };
    for (const a of (s.attachments as Json[] | undefined) ?? []) {
      if (!a.fileUrl && !parts.has(String(a.sha2))) return { status: 400, reason: `attachment ${String(a.sha2)} has no fileUrl and no part` };
    }
    const held = fake.statements.get(String(s.id));
    if (held && !isDeepStrictEqual(comparable(held), comparable(s))) return { status: 409, reason: `statement ${String(s.id)} exists with other content` };
  }
  return undefined;
}

function comparable(s: Json): Json {
  const { stored: _s, authority: _a, version: _v, ...rest } = s;
  return rest;
}

function parseBody(contentType: string, body: Buffer): { batch: Json[]; parts: Map<string, { contentType: string; content: Buffer }> } {
  const parts = new Map<string, { contentType: string; content: Buffer }>();
  let json: unknown;
  if (contentType.startsWith('application/json')) json = JSON.parse(body.toString('utf8'));
  else if (contentType.startsWith('multipart/mixed')) {
    const boundary = /boundary=("?)([^";]+)\1/.exec(contentType)?.[2];
    if (!boundary) throw new Error('multipart/mixed without a boundary');
    const sections = body.toString('latin1').split(`--${boundary}`).slice(1, -1);
    sections.forEach((section, n) => {
      const [head, ...rest] = section.replace(/^\r\n/, '').split('\r\n\r\n');
      const content = Buffer.from(rest.join('\r\n\r\n').replace(/\r\n$/, ''), 'latin1');
      const headers = Object.fromEntries(head!.split('\r\n').map((l) => [l.split(':')[0]!.toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      if (n === 0) json = JSON.parse(content.toString('utf8'));
      else parts.set(headers['x-experience-api-hash'] ?? '', { contentType: headers['content-type'] ?? '', content });
    });
  } else throw new Error(`unsupported Content-Type ${contentType}`);
  return { batch: (Array.isArray(json) ? json : [json]) as Json[], parts };
}

function answer(res: http.ServerResponse, status: number, reason: string, retryAfter?: number): void {
  const headers: Record<string, string> = { 'content-type': 'text/plain' };
  if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
  res.writeHead(status, headers).end(reason);
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
