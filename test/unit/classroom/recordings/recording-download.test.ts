import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DownloadRefusedError, downloadToFile, fetchSmallText } from '../../../../src/classroom/recordings/recording-download.js';
import { OutboundHttp } from '../../../../src/http/outbound.js';

/** A loopback file server: /video (bytes with a length), /chunked (no length), /page (HTML), /missing, /broken (500), /slow (never answers). */
describe('downloadToFile', () => {
  const body = Buffer.alloc(256 * 1024, 7);
  let server: http.Server;
  let base: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-download-'));
  const target = () => path.join(dir, `f-${Math.random()}`);
  const outbound = new OutboundHttp({ allow: [] });
  // The loopback file server stands for a BBB server the operator set (the CLI): any address.
  const source = () => ({ origin: base, trust: 'operator' as const });
  const options = (o: Partial<Parameters<typeof downloadToFile>[2]> = {}) => ({ outbound, source: source(), maxBytes: 1024 * 1024, signal: new AbortController().signal, headersTimeoutMs: 500, ...o });
  const small = (o: { maxBytes: number; source?: { origin: string; trust: 'operator' | 'web' } }) => ({ outbound, source: source(), timeoutMs: 500, signal: new AbortController().signal, ...o });

  before(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/video') return res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': body.length }).end(body);
      if (req.url === '/chunked') {
        res.writeHead(200, { 'content-type': 'video/mp4' });
        res.write(body);
        return res.end(body);
      }
      if (req.url === '/page') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<html>login</html>');
      if (req.url === '/secret') return res.writeHead(403, { 'content-type': 'text/plain' }).end('internal-secret-body');
      if (req.url === '/broken') return res.writeHead(500).end('oops');
      if (req.url === '/moved') return res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
      if (req.url === '/slow') return;
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await outbound.close();
    server.closeAllConnections();
    server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('streams the file to disk and reports progress', async () => {
    const file = target();
    const seen: number[] = [];
    const got = await downloadToFile(`${base}/video`, file, options({ onProgress: (f) => f !== null && seen.push(f) }));
    assert.equal(got.bytes, body.length);
    assert.deepEqual(fs.readFileSync(file), body);
    assert.equal(seen.at(-1), 1);
  });

  it('refuses for good a file larger than allowed, announced or not', async () => {
    await assert.rejects(downloadToFile(`${base}/video`, target(), options({ maxBytes: 1000 })), (e) => e instanceof DownloadRefusedError && /larger/.test(e.message));
    await assert.rejects(downloadToFile(`${base}/chunked`, target(), options({ maxBytes: body.length + 10 })), (e) => e instanceof DownloadRefusedError && /larger/.test(e.message));
  });

  it('refuses for good a web page and a 404; a 500 may be retried', async () => {
    await assert.rejects(downloadToFile(`${base}/page`, target(), options()), (e) => e instanceof DownloadRefusedError && /web page/.test(e.message));
    await assert.rejects(downloadToFile(`${base}/missing`, target(), options()), (e) => e instanceof DownloadRefusedError && /HTTP 404/.test(e.message));
    await assert.rejects(downloadToFile(`${base}/broken`, target(), options()), (e) => !(e instanceof DownloadRefusedError) && /HTTP 500/.test((e as Error).message));
  });

  it('fetches from the BBB server’s origin only (scheme, host and port), and follows no redirect elsewhere', async () => {
    const port = Number(new URL(base).port);
    const elsewhere = [
      'https://bbb.univ.example',
      `http://127.0.0.1:${port + 1}`, // the same host, another port
      `https://127.0.0.1:${port}`, // the same host and port, another scheme
      `http://localhost:${port}`,
    ];
    for (const origin of elsewhere) {
      const fetched = target();
      await assert.rejects(
        downloadToFile(`${base}/video`, fetched, options({ source: { origin, trust: 'operator' } })),
        (e) => e instanceof DownloadRefusedError && e.message.includes(`not on the BigBlueButton server ${origin}`),
        origin,
      );
      assert.equal(fs.existsSync(fetched), false);
      assert.equal(await fetchSmallText(`${base}/video`, small({ maxBytes: body.length, source: { origin, trust: 'operator' } })), null, origin);
    }
    await assert.rejects(downloadToFile(`${base}/moved`, target(), options()), (e) => e instanceof DownloadRefusedError && /redirect \(HTTP 302\)/.test(e.message));
  });

  it('refuses a loopback server set on the admin page (web trust), saying so without what it answered', async () => {
    const web = { origin: base, trust: 'web' as const };
    await assert.rejects(
      downloadToFile(`${base}/secret`, target(), options({ source: web })),
      (e) => e instanceof DownloadRefusedError && /not in OUTBOUND_ALLOW/.test(e.message) && !e.message.includes('internal-secret'),
    );
    assert.equal(await fetchSmallText(`${base}/video`, small({ maxBytes: body.length, source: web })), null);
    await assert.rejects(downloadToFile(`${base}/secret`, target(), options()), (e) => e instanceof DownloadRefusedError && /HTTP 403/.test(e.message) && !e.message.includes('internal-secret'));
  });

  it('reads small texts up to their limit only', async () => {
    assert.equal((await fetchSmallText(`${base}/video`, small({ maxBytes: body.length })))?.length, body.length);
    assert.equal(await fetchSmallText(`${base}/video`, small({ maxBytes: body.length - 1 })), null);
    assert.equal(await fetchSmallText(`${base}/moved`, small({ maxBytes: 1000 })), null);
  });

  it('gives up on a server that does not answer, and on a cancelled job', async () => {
    await assert.rejects(downloadToFile(`${base}/slow`, target(), options({ headersTimeoutMs: 100 })), /could not be reached: no answer within 100 ms/);
    const cancelled = new AbortController();
    cancelled.abort(new Error('job cancelled'));
    await assert.rejects(downloadToFile(`${base}/video`, target(), options({ signal: cancelled.signal })), /job cancelled/);
  });
});
