import type {
  CaptionExportFormat,
  CaptionKind,
  CaptionsResponse,
  CaptionTrackDetail,
  CaptionTrackView,
  CaptionVersionsResponse,
  ImportCaptionsResponse,
  SaveCaptionsBody,
  UpdateCaptionTrackBody,
} from '../../../src/captions/captions.view.js';
import { callApi, requestRaw, type ApiClient } from './api-client.js';

/** The captions API (issue 16; src/captions/captions.routes.ts lists the routes). Wire types are the server's own. */
export type {
  CaptionEngineView,
  CaptionExportFormat,
  CaptionGenerationView,
  CaptionKind,
  CaptionRepair,
  CaptionSource,
  CaptionsResponse,
  CaptionTrackDetail,
  CaptionTrackPlayerView,
  CaptionTrackView,
  CaptionVersionView,
  CaptionVersionsResponse,
  ImportCaptionsResponse,
} from '../../../src/captions/captions.view.js';

const videoCaptions = (resourceId: string) => `/api/videos/${encodeURIComponent(resourceId)}/captions`;
const trackPath = (trackId: string) => `/api/captions/${encodeURIComponent(trackId)}`;

export interface NewTrackFields {
  lang: string;
  kind: CaptionKind;
  /** Left out: the server names the track after its language, in that language. */
  label?: string;
}

export function getCaptions(client: ApiClient, resourceId: string): Promise<CaptionsResponse> {
  return callApi<CaptionsResponse>(client, videoCaptions(resourceId));
}

/** Queues automatic captions in `lang`: the answer lists the generation (queued). */
export function generateCaptions(client: ApiClient, resourceId: string, lang: string): Promise<CaptionsResponse> {
  return callApi<CaptionsResponse>(client, `${videoCaptions(resourceId)}/generate`, { method: 'POST', body: { lang } });
}

/** An empty track, to type by hand. */
export function createTrack(client: ApiClient, resourceId: string, fields: NewTrackFields): Promise<CaptionTrackDetail> {
  return callApi<CaptionTrackDetail>(client, videoCaptions(resourceId), { method: 'POST', body: fields });
}

/** A WebVTT or SubRip file, sent as its raw bytes (the server finds the encoding). */
export async function importCaptions(client: ApiClient, resourceId: string, fields: NewTrackFields, file: Blob, fileName: string): Promise<ImportCaptionsResponse> {
  const query = new URLSearchParams({ lang: fields.lang, kind: fields.kind, ...(fields.label ? { label: fields.label } : {}), fileName });
  const response = await requestRaw(client, `${videoCaptions(resourceId)}/import?${query}`, {
    method: 'POST',
    body: file,
    contentType: 'application/octet-stream',
  });
  return (await response.json()) as ImportCaptionsResponse;
}

export function getTrack(client: ApiClient, trackId: string): Promise<CaptionTrackDetail> {
  return callApi<CaptionTrackDetail>(client, trackPath(trackId));
}

/**
 * A new version of the track (409 `captions-version-conflict` when `baseVersion` is not the
 * current one). `keepalive` for the last save of a page going away.
 */
export async function saveTrack(client: ApiClient, trackId: string, body: SaveCaptionsBody, options: { keepalive?: boolean } = {}): Promise<CaptionTrackDetail> {
  if (!options.keepalive) return callApi<CaptionTrackDetail>(client, trackPath(trackId), { method: 'PUT', body });
  const response = await requestRaw(client, trackPath(trackId), { method: 'PUT', body: JSON.stringify(body), contentType: 'application/json', keepalive: true });
  return (await response.json()) as CaptionTrackDetail;
}

export function updateTrack(client: ApiClient, trackId: string, body: UpdateCaptionTrackBody): Promise<CaptionTrackView> {
  return callApi<CaptionTrackView>(client, trackPath(trackId), { method: 'PATCH', body });
}

export async function deleteTrack(client: ApiClient, trackId: string): Promise<void> {
  await requestRaw(client, trackPath(trackId), { method: 'DELETE' });
}

export function getVersions(client: ApiClient, trackId: string): Promise<CaptionVersionsResponse> {
  return callApi<CaptionVersionsResponse>(client, `${trackPath(trackId)}/versions`);
}

export function restoreVersion(client: ApiClient, trackId: string, version: number): Promise<CaptionTrackDetail> {
  return callApi<CaptionTrackDetail>(client, `${trackPath(trackId)}/versions/${version}/restore`, { method: 'POST' });
}

/** The track as a file (with the token: a plain link could not send it), and the name the server gave it. */
export async function exportTrack(client: ApiClient, trackId: string, format: CaptionExportFormat): Promise<{ blob: Blob; fileName: string | null }> {
  const response = await requestRaw(client, `${trackPath(trackId)}/export?format=${format}`, { accept: '*/*' });
  return { blob: await response.blob(), fileName: fileNameOf(response.headers.get('Content-Disposition')) };
}

/** `attachment; filename="x.vtt"; filename*=UTF-8''…` → the (decoded) file name. */
export function fileNameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1]!.trim());
    } catch {
      // fall back to the plain name
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  return plain ? plain[1]!.trim() : null;
}
