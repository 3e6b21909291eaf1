import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';

/** A download that cannot succeed by trying again (too large, a web page instead of a video…). */
export class DownloadRefusedError extends Error {
  override name = 'DownloadRefusedError';
}

export interface DownloadOptions {
  maxBytes: number;
  /** The job's signal: a cancel or a shutdown stops the download. */
  signal: AbortSignal;
  /** How long the server may take to start answering (BBB's timeout). */
  headersTimeoutMs: number;
  /** The platform's BBB host: a recording's files are fetched from there only, never redirected elsewhere. */
  allowedHost: string;
  onProgress?: (fraction: number | null, bytes: number) => void;
}

/**
 * GETs `url` into `file`, streamed (a lecture's recording may be gigabytes), stopping past
 * `maxBytes`. Throws DownloadRefusedError for answers no retry will change (404, HTML, too large)
 * and plain errors for the others (network, 5xx).
 */
export async function downloadToFile(url: string, file: string, o: DownloadOptions): Promise<{ bytes: number; contentType: string }> {
  checkHost(url, o.allowedHost);
  const headers = new AbortController();
  const timer = setTimeout(() => headers.abort(new Error(`no answer within ${o.headersTimeoutMs} ms`)), o.headersTimeoutMs);
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.any([o.signal, headers.signal]), redirect: 'manual' });
  } catch (err) {
    if (o.signal.aborted) throw o.signal.reason;
    throw new Error(`${new URL(url).host} could not be reached: ${reasonOf(err, headers.signal)}`, { cause: err });
  } finally {
    clearTimeout(timer);
  }
  if (!res.ok || !res.body) {
    await res.body?.cancel().catch(() => undefined);
    const message = `the server answered HTTP ${res.status} for ${new URL(url).pathname}`;
    throw res.status >= 500 || res.status === 429 ? new Error(message) : new DownloadRefusedError(message);
  }
  const contentType = res.headers.get('content-type') ?? '';
  if (/^text\/html|^application\/(xhtml\+)?xml/i.test(contentType)) {
    await res.body.cancel().catch(() => undefined);
    throw new DownloadRefusedError(`the server answered a web page (${contentType.split(';')[0]}) instead of the video file`);
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
  await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), counter, fs.createWriteStream(file), { signal: o.signal });
  if (Number.isFinite(length) && bytes !== length) throw new Error(`the download stopped after ${bytes} of ${length} bytes`);
  return { bytes, contentType };
}

/** A small text file (captions.json, a WebVTT track): null when absent or refused. */
export async function fetchSmallText(url: string, o: { maxBytes: number; timeoutMs: number; signal: AbortSignal; allowedHost: string }): Promise<string | null> {
  if (new URL(url).hostname !== o.allowedHost) return null;
  const res = await fetch(url, { signal: AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]), redirect: 'manual' }).catch(() => null);
  if (!res?.ok || !res.body) {
    await res?.body?.cancel().catch(() => undefined);
    return null;
  }
  // Read up to the limit only: a huge answer is refused without being held in memory.
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of Readable.fromWeb(res.body as WebReadableStream<Uint8Array>)) {
      size += (chunk as Buffer).length;
      if (size > o.maxBytes) {
        await res.body.cancel().catch(() => undefined);
        return null;
      }
      chunks.push(chunk as Buffer);
    }
  } catch {
    return null;
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** BBB names the files' URLs: only its own host is fetched (a compromised server cannot point Amphi inside the network). */
function checkHost(url: string, allowedHost: string): void {
  const host = new URL(url).hostname;
  if (host !== allowedHost) throw new DownloadRefusedError(`the recording's file is on ${host}, not on the BigBlueButton server ${allowedHost}`);
}

function reasonOf(err: unknown, headers: AbortSignal): string {
  if (headers.aborted) return String((headers.reason as Error)?.message ?? headers.reason);
  const cause = (err as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}
