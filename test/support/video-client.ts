import fs from 'node:fs';
import type { VideoResponse } from '../../src/video/video.view.js';

/** The tus 1.0.0 protocol over fetch, as tus-js-client speaks it in the browser (https://tus.io/protocols/resumable-upload). */

const TUS = { 'Tus-Resumable': '1.0.0' };

export interface TusAnswer {
  status: number;
  body: any;
  headers: Headers;
}

async function answer(res: Response): Promise<TusAnswer> {
  const text = await res.text();
  let body: any = text || undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // tus answers some errors as plain text
  }
  return { status: res.status, body, headers: res.headers };
}

export function tusMetadata(meta: Record<string, string>): string {
  return Object.entries(meta)
    .map(([k, v]) => `${k} ${Buffer.from(v).toString('base64')}`)
    .join(',');
}

/** POST creation: the upload URL (absolute) in `location` when status is 201. */
export async function createUpload(appUrl: string, token: string, length: number, meta: Record<string, string>): Promise<TusAnswer & { uploadUrl: string }> {
  const res = await fetch(`${appUrl}/api/uploads/`, {
    method: 'POST',
    headers: { ...TUS, Authorization: `Bearer ${token}`, 'Upload-Length': String(length), 'Upload-Metadata': tusMetadata(meta) },
  });
  const location = res.headers.get('location');
  const a = await answer(res);
  return { ...a, uploadUrl: location ? new URL(location, appUrl).toString() : '' };
}

/** HEAD: the offset the server holds (as another tab resuming the upload asks). */
export async function uploadOffset(uploadUrl: string, token: string): Promise<{ status: number; offset: number | null }> {
  const res = await fetch(uploadUrl, { method: 'HEAD', headers: { ...TUS, Authorization: `Bearer ${token}` } });
  const offset = res.headers.get('upload-offset');
  return { status: res.status, offset: offset === null ? null : Number(offset) };
}

export async function patchUpload(uploadUrl: string, token: string, offset: number, chunk: Uint8Array): Promise<TusAnswer> {
  const res = await fetch(uploadUrl, {
    method: 'PATCH',
    headers: { ...TUS, Authorization: `Bearer ${token}`, 'Content-Type': 'application/offset+octet-stream', 'Upload-Offset': String(offset) },
    body: new Uint8Array(chunk),
  });
  return answer(res);
}

/** Sends `bytes` from `offset` in chunks; stops at the first answer that is not 204. */
export async function sendChunks(uploadUrl: string, token: string, bytes: Uint8Array, offset: number, chunkSize: number, stopAt = bytes.length): Promise<TusAnswer> {
  let last: TusAnswer = { status: 204, body: undefined, headers: new Headers() };
  while (offset < stopAt) {
    const end = Math.min(offset + chunkSize, stopAt);
    last = await patchUpload(uploadUrl, token, offset, bytes.subarray(offset, end));
    if (last.status !== 204) return last;
    offset = Number(last.headers.get('upload-offset'));
  }
  return last;
}

/**
 * Uploads a file for a video resource as the picker does: creation, then PATCH chunks. The last
 * PATCH's answer is the server's verdict (204 accepted, 422 refused with problem+json).
 */
export async function uploadVideo(
  appUrl: string,
  token: string,
  resourceId: string,
  file: string,
  o: { chunkSize?: number; fileName?: string; fileType?: string } = {},
): Promise<{ status: number; body: any; uploadUrl: string }> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const name = o.fileName ?? file.split('/').pop()!;
  const created = await createUpload(appUrl, token, bytes.length, { resourceId, filename: name, filetype: o.fileType ?? 'video/mp4' });
  // An empty file is complete at creation: the POST's answer is then the server's verdict.
  if (created.status !== 201 || bytes.length === 0) return { status: created.status, body: created.body, uploadUrl: created.uploadUrl };
  const last = await sendChunks(created.uploadUrl, token, bytes, 0, o.chunkSize ?? 256 * 1024);
  return { status: last.status, body: last.body, uploadUrl: created.uploadUrl };
}

export async function getVideo(appUrl: string, token: string, resourceId: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`${appUrl}/api/videos/${resourceId}`, { headers: { Authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Polls GET /api/videos/:resourceId until `until` holds; fails with the last answer after timeoutMs. */
export async function waitForVideo(appUrl: string, token: string, resourceId: string, until: (v: VideoResponse) => boolean, timeoutMs = 60_000): Promise<VideoResponse> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    const { status, body } = await getVideo(appUrl, token, resourceId);
    last = body;
    if (status === 200 && until(body as VideoResponse)) return body as VideoResponse;
    if (Date.now() > deadline) throw new Error(`timed out waiting for video ${resourceId}: last answer ${status} ${JSON.stringify(last).slice(0, 600)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
