import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo, LookupFunction } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { OutboundError, OutboundHttp, describeOutboundFailure } from '../../../src/http/outbound.js';

const SECRET = 'root:x:0:0 internal-secret-4f1c';

/** A loopback service that records what reached it and answers per path. */
async function startService(): Promise<{ port: number; hits: string[]; close(): Promise<void> }> {
  const hits: string[] = [];
  const server = http.createServer((req, res) => {
    hits.push(`${req.method} ${req.url} auth=${req.headers.authorization ?? ''}`);
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/redirect') {
      res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/' });
      res.end(SECRET);
    } else if (url.pathname === '/big') {
      res.end(SECRET.repeat(100));
    } else if (url.pathname === '/hang') {
      // never answers
    } else {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(SECRET);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    hits,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** DNS answers for the tests: every name resolves to the address it is mapped to. */
function lookupFrom(answers: Record<string, string>): LookupFunction {
  return (hostname, options, callback) => {
    const address = answers[hostname];
    if (!address) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), '', 4);
    const family = address.includes(':') ? 6 : 4;
    if (options.all) return callback(null, [{ address, family }]);
    callback(null, address, family);
  };
}

async function failure(promise: Promise<unknown>): Promise<OutboundError> {
  try {
    await promise;
  } catch (err) {
    assert.ok(err instanceof OutboundError, `expected an OutboundError, got ${String(err)}`);
    assert.ok(!err.message.includes(SECRET.slice(0, 10)), 'the message never carries what the remote answered');
    assert.ok(!describeOutboundFailure(err).message.includes(SECRET.slice(0, 10)));
    return err;
  }
  assert.fail('expected the request to fail');
}

describe('outbound HTTP client', () => {
  let internal: Awaited<ReturnType<typeof startService>>;
  let other: Awaited<ReturnType<typeof startService>>;
  const lookup = lookupFrom({ 'intranet.example': '127.0.0.1', 'metadata.example': '169.254.169.254', 'mapped.example': '::ffff:127.0.0.1', 'other.example': '127.0.0.1' });
  let client: OutboundHttp;

  before(async () => {
    internal = await startService();
    other = await startService();
    client = new OutboundHttp({ allow: [], lookup });
  });
  after(async () => {
    await client.close();
    await internal.close();
    await other.close();
  });

  it('refuses a loopback IP literal for web URLs: nothing reaches the service', async () => {
    const before = internal.hits.length;
    const err = await failure(client.fetch(`http://127.0.0.1:${internal.port}/`, { trust: 'web' }));
    assert.equal(err.reason, 'address-refused');
    assert.equal((await failure(client.fetch(`http://[::ffff:127.0.0.1]:${internal.port}/`, { trust: 'web' }))).reason, 'address-refused');
    assert.equal(internal.hits.length, before);
  });

  it('refuses a name that resolves to loopback, to a mapped loopback or to the metadata address', async () => {
    const before = internal.hits.length;
    for (const host of ['intranet.example', 'mapped.example', 'metadata.example']) {
      const err = await failure(client.fetch(`http://${host}:${internal.port}/`, { trust: 'web' }));
      assert.equal(err.reason, 'address-refused', host);
    }
    assert.equal(internal.hits.length, before);
  });

  it('reaches a private address for operator URLs', async () => {
    const res = await client.fetch(`http://intranet.example:${internal.port}/`, { trust: 'operator' });
    assert.equal(res.status, 500);
    assert.equal(await res.text(), SECRET, 'the caller itself may read the body; it never ends up in an error');
  });

  it('reaches an address OUTBOUND_ALLOW lists, on the listed port only', async () => {
    const allowed = new OutboundHttp({ allow: [`127.0.0.1:${internal.port}`], lookup });
    try {
      const res = await allowed.fetch(`http://intranet.example:${internal.port}/`, { trust: 'web' });
      assert.equal(res.status, 500);
      await res.body?.cancel();
      const before = other.hits.length;
      assert.equal((await failure(allowed.fetch(`http://127.0.0.1:${other.port}/`, { trust: 'web' }))).reason, 'address-refused');
      assert.equal(other.hits.length, before);
      const anyPort = new OutboundHttp({ allow: ['127.0.0.0/8'], lookup });
      const res2 = await anyPort.fetch(`http://127.0.0.1:${other.port}/`, { trust: 'web' });
      assert.equal(res2.status, 500);
      await res2.body?.cancel();
      await anyPort.close();
    } finally {
      await allowed.close();
    }
  });

  it('refuses redirects by default, with the status and without the body', async () => {
    const err = await failure(client.fetch(`http://127.0.0.1:${internal.port}/redirect?to=/`, { trust: 'operator' }));
    assert.equal(err.reason, 'redirect-refused');
    assert.match(err.message, /HTTP 302/);
  });

  it('re-checks every redirect it follows: a hop to a private address is refused', async () => {
    const allowed = new OutboundHttp({ allow: [`127.0.0.1:${internal.port}`], lookup });
    try {
      const before = other.hits.length;
      const to = encodeURIComponent(`http://127.0.0.1:${other.port}/`);
      const err = await failure(allowed.fetch(`http://127.0.0.1:${internal.port}/redirect?to=${to}`, { trust: 'web', redirects: 'follow' }));
      assert.equal(err.reason, 'address-refused');
      assert.equal(other.hits.length, before, 'the private service behind the redirect received nothing');
    } finally {
      await allowed.close();
    }
  });

  it('follows at most 3 redirects, turns a 303 into a GET and drops credentials across origins', async () => {
    const to = encodeURIComponent(`http://other.example:${other.port}/final`);
    const res = await client.fetch(`http://127.0.0.1:${internal.port}/redirect?status=303&to=${to}`, {
      trust: 'operator',
      redirects: 'follow',
      method: 'POST',
      body: 'x=1',
      headers: { Authorization: 'Bearer t' },
    });
    assert.equal(res.status, 500);
    assert.equal(res.redirected, true);
    assert.equal(res.url, `http://other.example:${other.port}/final`);
    await res.body?.cancel();
    assert.equal(other.hits.at(-1), 'GET /final auth=');
    const loop = encodeURIComponent(`/redirect?to=${encodeURIComponent('/redirect?to=/redirect')}`);
    const err = await failure(client.fetch(`http://127.0.0.1:${internal.port}/redirect?to=${loop}`, { trust: 'operator', redirects: 'follow' }));
    assert.equal(err.reason, 'redirect-refused');
  });

  it('caps the body it reads', async () => {
    const res = await client.fetch(`http://127.0.0.1:${internal.port}/big`, { trust: 'operator', maxBytes: 1000 });
    assert.equal(res.status, 200);
    const err = await failure(res.text());
    assert.equal(err.reason, 'too-large');
    const small = await client.fetch(`http://127.0.0.1:${internal.port}/big`, { trust: 'operator', maxBytes: 10_000 });
    assert.equal((await small.text()).length, SECRET.length * 100);
  });

  it('classifies timeouts, cancellations, bad URLs, DNS and connection failures', async () => {
    assert.equal((await failure(client.fetch(`http://127.0.0.1:${internal.port}/hang`, { trust: 'operator', timeoutMs: 200 }))).reason, 'timeout');
    const controller = new AbortController();
    const pending = client.fetch(`http://127.0.0.1:${internal.port}/hang`, { trust: 'operator', signal: controller.signal });
    controller.abort();
    assert.equal((await failure(pending)).reason, 'aborted');
    assert.equal((await failure(client.fetch('ftp://example.org/', { trust: 'web' }))).reason, 'bad-url');
    assert.equal((await failure(client.fetch('not a url', { trust: 'web' }))).reason, 'bad-url');
    assert.equal((await failure(client.fetch('http://nowhere.example/', { trust: 'web' }))).reason, 'dns-failed');
    const closed = await startService();
    await closed.close();
    assert.equal((await failure(client.fetch(`http://127.0.0.1:${closed.port}/`, { trust: 'operator' }))).reason, 'unreachable');
  });

  it('refuses the other spellings of loopback and "this host" for web URLs: nothing reaches a service listening on every address', async () => {
    const hits: string[] = [];
    const everywhere = http.createServer((req, res) => void (hits.push(req.headers.host ?? ''), res.end('x')));
    await new Promise<void>((resolve) => everywhere.listen({ port: 0, host: '::', ipv6Only: false }, resolve));
    const port = (everywhere.address() as AddressInfo).port;
    const dotted = new OutboundHttp({ allow: [], lookup: lookupFrom({ 'localhost.': '127.0.0.1' }) });
    try {
      const urls = ['[::1]', '[::]', '0.0.0.0', '2130706433', '0x7f.1', '127.1', 'localhost.'].map((host) => `http://${host}:${port}/`);
      for (const url of urls) {
        const res = await dotted.fetch(url, { trust: 'operator' });
        assert.equal(await res.text(), 'x', `${url} reaches the service when an operator set it`);
      }
      assert.equal(hits.length, urls.length);
      for (const url of urls) assert.equal((await failure(dotted.fetch(url, { trust: 'web' }))).reason, 'address-refused', url);
      assert.equal(hits.length, urls.length, 'nothing more reached the service');
    } finally {
      await dotted.close();
      await new Promise<void>((resolve) => everywhere.close(() => resolve()));
    }
  });

  it('tells whoever chose a web URL the same thing for a name that does not resolve and for a name inside the network; the reason stays distinct for logs', async () => {
    const inside = await failure(client.fetch(`http://intranet.example:${internal.port}/`, { trust: 'web' }));
    const nowhere = await failure(client.fetch('http://nowhere.example/', { trust: 'web' }));
    const literal = await failure(client.fetch('http://10.1.2.3/', { trust: 'web' }));
    assert.deepEqual([inside.reason, nowhere.reason, literal.reason], ['address-refused', 'dns-failed', 'address-refused']);
    assert.equal(inside.message, nowhere.message);
    assert.equal(literal.message, nowhere.message);
    assert.equal(describeOutboundFailure(inside).message, describeOutboundFailure(nowhere).message);
    assert.match(nowhere.message, /not reachable from Amphi/);
    // An operator's URL: the precise reason helps whoever set it, and reveals nothing new to them.
    assert.equal((await failure(client.fetch('http://nowhere.example/', { trust: 'operator' }))).message, 'the host name did not resolve');
  });

  it('describes other errors without their text', () => {
    assert.deepEqual(describeOutboundFailure(new Error(SECRET)), { reason: 'other', message: 'the request failed' });
  });
});
