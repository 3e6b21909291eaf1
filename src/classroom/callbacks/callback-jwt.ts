import crypto from 'node:crypto';
import { errors, jwtVerify, type JWTPayload } from 'jose';
import { UnauthorizedError } from '../../http/errors.js';

/**
 * BigBlueButton signs its callbacks with the server's shared secret:
 * - recording ready (record-and-playback post_publish_recording_ready_callback.rb): a form field
 *   `signed_parameters`, an HS256 JWT of {meeting_id, record_id}, without exp;
 * - learning analytics (post_events_analytics_callback.rb): `Authorization: Bearer`, an HS512 JWT
 *   of {exp} (24 h), the JSON body unsigned beside it.
 * A bad or missing signature is a 401 that says which; an expired token a 401 that says expired.
 */

/** Accepted drift between BBB's clock and Amphi's. */
const CLOCK_TOLERANCE_SECONDS = 60;

export interface VerifiedCallbackJwt {
  payload: JWTPayload;
  /** sha-256 of the token: the replay guard's key. */
  hash: string;
  /** Until when the token could be replayed: its exp, else 30 days. */
  expiresAt: Date;
}

export async function verifyCallbackJwt(token: string | undefined, secret: string, algorithm: 'HS256' | 'HS512', options: { requireExp?: boolean } = {}): Promise<VerifiedCallbackJwt> {
  if (!token) throw new UnauthorizedError('callback-jwt-missing', 401);
  try {
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: [algorithm],
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      ...(options.requireExp ? { requiredClaims: ['exp'] } : {}),
    });
    const expiresAt = typeof payload.exp === 'number' ? new Date(payload.exp * 1000 + CLOCK_TOLERANCE_SECONDS * 1000) : new Date(Date.now() + 30 * 86_400_000);
    return { payload, hash: hashToken(token), expiresAt };
  } catch (err) {
    if (err instanceof errors.JWTExpired) throw new UnauthorizedError('callback-jwt-expired', 401, {}, { cause: err });
    throw new UnauthorizedError('callback-jwt-invalid', 401, { reason: reasonOf(err) }, { cause: err });
  }
}

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/**
 * The replay guard's key: the token for this callback and meeting. The analytics JWT holds only
 * {exp}: two meetings of one BBB server ending within the same second get the very same token,
 * and neither may shadow the other.
 */
export function replayKey(kind: string, meetingRowId: string, tokenHash: string): string {
  return crypto.createHash('sha256').update(`${kind}\n${meetingRowId}\n${tokenHash}`).digest('hex');
}

/** What the refusal says, without echoing anything of the token. */
function reasonOf(err: unknown): string {
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not match the BigBlueButton secret';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'the signing algorithm is not the one BigBlueButton uses here';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim}: ${err.reason}`;
  return 'not a signed JWT';
}
