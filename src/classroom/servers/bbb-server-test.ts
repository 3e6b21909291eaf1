import { OutboundError } from '../../http/outbound.js';
import { BbbFailedError, BbbUnavailableError, shownMessageKey } from '../bbb/bbb-errors.js';
import type { BbbApi, ChecksumAlgorithm } from '../bbb/bbb.types.js';

/** The outcome of "Test connection": a message code of bbb-server.messages.ts and its params. */
export interface BbbTestResult {
  ok: boolean;
  code: 'bbb-test-ok' | 'bbb-test-ok-unnamed' | 'bbb-test-secret-mismatch' | 'bbb-test-unreachable' | 'bbb-test-not-reachable' | 'bbb-test-refused';
  params: Record<string, string | number>;
  /** The API version the server announced, when it answered and the version reads as a version number. */
  version: string | null;
}

/**
 * Two calls, each proving one thing: the API root (no checksum) that the URL is a BBB API,
 * then a signed getMeetings that the secret and the checksum algorithm are the server's
 * (BBB answers checksumError otherwise). The result says what happened in classified words
 * (a status, a refused address, a messageKey), never what the server answered: the URL may be
 * any host the administrator typed.
 */
export async function testBbbConnection(api: BbbApi, algorithm: ChecksumAlgorithm): Promise<BbbTestResult> {
  let version: string | null = null;
  try {
    version = await api.version();
    const meetings = await api.getMeetings();
    if (version === null) return { ok: true, code: 'bbb-test-ok-unnamed', params: { meetings: meetings.length }, version };
    return { ok: true, code: 'bbb-test-ok', params: { version, meetings: meetings.length }, version };
  } catch (err) {
    if (err instanceof BbbFailedError) {
      if (err.messageKey === 'checksumError') return { ok: false, code: 'bbb-test-secret-mismatch', params: { algorithm }, version };
      return { ok: false, code: 'bbb-test-refused', params: { messageKey: shownMessageKey(err.messageKey) }, version };
    }
    if (err instanceof BbbUnavailableError) {
      if (err.cause instanceof OutboundError && err.cause.concealed) return { ok: false, code: 'bbb-test-not-reachable', params: {}, version };
      return { ok: false, code: 'bbb-test-unreachable', params: { reason: String(err.params.reason) }, version };
    }
    throw err;
  }
}
