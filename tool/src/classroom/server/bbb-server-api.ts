import { callApi, type ApiClient } from '../../api/api-client.js';

/** /api/platform/bbb-server (src/classroom/servers/bbb-server.routes.ts). */

export const CHECKSUM_ALGORITHMS = ['sha256', 'sha1', 'sha384', 'sha512'] as const;
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number];

/** Teachers get configured and canManage only; administrators the rest (never the secret). */
export interface BbbServerResponse {
  configured: boolean;
  canManage: boolean;
  url?: string | null;
  checksumAlgorithm?: ChecksumAlgorithm | null;
  secretFingerprint?: string | null;
  secure?: boolean | null;
  updatedAt?: string | null;
}

export interface BbbServerBody {
  url: string;
  /** Absent: keep the stored secret. */
  secret?: string;
  checksumAlgorithm: ChecksumAlgorithm;
}

/** `message` is in the session's language. */
export interface BbbServerTestResponse {
  ok: boolean;
  code: string;
  message: string;
  version: string | null;
}

const PATH = '/api/platform/bbb-server';

export function getBbbServer(client: ApiClient): Promise<BbbServerResponse> {
  return callApi<BbbServerResponse>(client, PATH);
}

export function saveBbbServer(client: ApiClient, body: BbbServerBody): Promise<BbbServerResponse> {
  return callApi<BbbServerResponse>(client, PATH, { method: 'PUT', body });
}

export function removeBbbServer(client: ApiClient): Promise<BbbServerResponse & { removed: boolean }> {
  return callApi<BbbServerResponse & { removed: boolean }>(client, PATH, { method: 'DELETE' });
}

/** Tests the form's values (`body` given) or the stored server (empty body). */
export function testBbbServer(client: ApiClient, body: Partial<BbbServerBody>): Promise<BbbServerTestResponse> {
  return callApi<BbbServerTestResponse>(client, `${PATH}/test`, { method: 'POST', body });
}
