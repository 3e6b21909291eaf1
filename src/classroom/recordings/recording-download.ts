import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { OutboundError, type OutboundHttp, type OutboundTrust } from '../../http/outbound.js';
import { describeFetchFailure } from '../bbb/bbb-transport.js';

/** A download that cannot succeed by trying again (too large, a web page instead of a video…). */
export class DownloadRefusedError extends Error {
  override name = 'DownloadRefusedError';
}

/**
 * The platform's BBB server as the recordings' files are fetched from it: its origin (scheme,
 * host and port: a file anywhere else is refused) and its trust (who set it).
 */
export interface RecordingSource {
  origin: string;
  trust: OutboundTrust;
}

/** A recording is streamed for as long as the job runs; a stalled connection still ends (the client's idle limit). */
const DOWNLOAD_TIMEOUT_MS = 6 * 3600 * 1000;

export interface DownloadOptions {
  outbound: OutboundHttp;
  /** BBB names the files' URLs: fetched from its own origin only, never redirected elsewhere. */
  source: RecordingSource;
  maxBytes: number;
  /** The job's signal: a cancel or a shutdown stops the download. */
  signal: AbortSignal;
  /** How long the server may take to start answering (BBB's timeout). */
  headersTimeoutMs: number;
  onProgress?: (fraction: number | null, bytes: number) => void;
}

/**
 * GETs `url` into `file`, streamed (a lecture's recording may be gigabytes), stopping past
 * `maxBytes`. Throws DownloadRefusedError for answers no retry will change (404, HTML, too large)
 * and plain errors for the others (network, 5xx).
 */
export async function downloadToFile(url: string, file: string, o: DownloadOptions): Promise<{ bytes: number; contentType: string }> {
  checkOrigin(url, o.source);
  const host = new URL(url).host;
  const headers = new AbortController();
  const timer = setTimeout(() => headers.abort(), o.headersTimeoutMs);
  let res: Response;
  try {
    res = await o.outbound.fetch(url, {
      trust: o.source.trust,
      signal: AbortSignal.any([o.signal, headers.signal]),
      timeoutMs: DOWNLOAD_TIMEOUT_MS,
      maxBytes: o.maxBytes,
    });
  } catch (err) {
    if (o.signal.aborted) throw o.signal.reason;
    if (headers.signal.aborted) throw new Error(`${host} could not be reached: no answer within ${o.headersTimeoutMs} ms`, { cause: err });
    // A refused address or a redirect stays so: no retry will change it.
    const final = err instanceof OutboundError && ['address-refused', 'bad-url', 'redirect-refused'].includes(err.reason);
    const reason = describeFetchFailure(err, o.headersTimeoutMs);
    throw final ? new DownloadRefusedError(`${host}: ${reason}`, { cause: err }) : new Error(`${host} could not be reached: ${reason}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    const message = `the server answered HTTP ${res.status} for ${new URL(url).pathname}`;
    throw res.status >= 500 || res.status === 429 ? new Error(message) : new DownloadRefusedError(message);
  }
  const contentType = res.headers.get('content-type') ?? '';
  const page = /^(text\/html|application\/(?:xhtml\+)?xml)/i.exec(contentType);
  if (page) {
    await res.body.cancel().catch(() => undefined);
    throw new DownloadRefusedError(`the server answered a web page (${page[1]!.toLowerCase()}) instead of the video file`);
  }
  const length = Number(res.headers.get('content-length') ?? NaN);
  if (Number.isFinite(length) && length > o.maxBytes) {
    await res.body.cancel().catch(() => undefined);
    throw new DownloadRefusedError(`the video (${length} bytes) is larger than the ${o.maxBytes} bytes allowed`);
  }
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > o.maxBytes) return done(new DownloadRefusedError(`the video is larger than the ${o.maxBytes} bytes allowed`));
      o.onProgress?.(Number.isFinite(length) && length > 0 ? Math.min(1, bytes / length) : null, bytes);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), counter, fs.createWriteStream(file), { signal: o.signal });
  } catch (err) {
    if (err instanceof OutboundError && err.reason === 'too-large') throw new DownloadRefusedError(`the video is larger than the ${o.maxBytes} bytes allowed`);
    if (err instanceof OutboundError) throw new Error(`the download from ${host} stopped: ${describeFetchFailure(err, o.headersTimeoutMs)}`, { cause: err });
    throw err;
  }
  if (Number.isFinite(length) && bytes !== length) throw new Error(`the download stopped after ${bytes} of ${length} bytes`);
  return { bytes, contentType };
}

/** A small text file (captions.json, a WebVTT track): null when absent, refused or larger than maxBytes (read up to the limit only). */
export async function fetchSmallText(
  url: string,
  o: { outbound: OutboundHttp; source: RecordingSource; maxBytes: number; timeoutMs: number; signal: AbortSignal },
): Promise<string | null> {
  if (!onOrigin(url, o.source)) return null;
  try {
    const res = await o.outbound.fetch(url, { trust: o.source.trust, signal: o.signal, timeoutMs: o.timeoutMs, maxBytes: o.maxBytes });
    if (!res.ok || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      return null;
    }
    return await res.text();
  } catch {
    return null;
  }
}

/**
 * BBB names the files' URLs: only its own origin is fetched, scheme, host and port (a compromised
 * or misconfigured server cannot point Amphi at another port of its host or inside the network).
 */
function checkOrigin(url: string, source: RecordingSource): void {
  if (!onOrigin(url, source)) throw new DownloadRefusedError(`the recording's file is not on the BigBlueButton server ${source.origin} (same scheme, host and port)`);
}

function onOrigin(url: string, source: RecordingSource): boolean {
  try {
    return new URL(url).origin === new URL(source.origin).origin;
  } catch {
    return false;
  }
}
