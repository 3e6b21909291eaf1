import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChecksumAlgorithm } from '../../../src/classroom/bbb/bbb.types.js';
import type { FakeBbb } from '../../support/fake-bbb/index.js';

/** An API URL signed the way the BBB docs describe, computed here independently of both the fake and Amphi's client. */
export function signed(fake: FakeBbb, call: string, query: string, algorithm: ChecksumAlgorithm = fake.algorithm, secret = fake.secret): string {
  const sum = createHash(algorithm).update(call + query + secret).digest('hex');
  return `${fake.url}${call}?${query ? `${query}&` : ''}checksum=${sum}`;
}

export async function call(fake: FakeBbb, name: string, query: string): Promise<string> {
  const res = await fetch(signed(fake, name, query), { redirect: 'manual' });
  return res.text();
}

/** The text of the first <name> element (enough for BBB's flat answers). */
export function tag(xml: string, name: string): string | undefined {
  const m = new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`).exec(xml);
  return m ? unescapeXml(m[1]!) : undefined;
}

function unescapeXml(text: string): string {
  return text.replace(/&(lt|gt|quot|apos|amp);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[e]!);
}

export function all(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([\\s\\S]*?)</${name}>`, 'g'))].map((m) => unescapeXml(m[1]!));
}

export interface Received {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A small HTTP server standing for Amphi's callback endpoints: records what it receives, answers `status`. */
export async function startReceiver(status = 200): Promise<{ origin: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ method: req.method ?? '', url: new URL(req.url ?? '/', 'http://receiver'), headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(status).end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, received, close: () => new Promise((r) => server.close(() => r())) };
}
