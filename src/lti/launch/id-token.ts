import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LaunchError } from '../../http/errors.js';

/** Asymmetric algorithms only: a platform's id_token must never verify with a shared secret or none. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];

export interface IdTokenExpectations {
  issuer: string;
  clientId: string;
  nonce: string;
  clockSkewSeconds: number;
}

/**
 * Verifies an id_token as the IMS Security Framework §5.1.3 requires: signature with the
 * platform's key, iss, aud (and azp when aud has several values), exp, iat, nonce.
 * https://www.imsglobal.org/spec/security/v1p0/#authentication-response-validation
 */
export async function verifyIdToken(idToken: string, keys: JWTVerifyGetKey, expect: IdTokenExpectations): Promise<JWTPayload> {
  const refuse = (reason: string, cause?: unknown) => new LaunchError('invalid-id-token', 401, { reason }, { cause, logReason: reason });
  try {
    decodeProtectedHeader(idToken);
  } catch (err) {
    throw refuse('it is not a JWT', err);
  }
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(idToken, keys, {
      issuer: expect.issuer,
      audience: expect.clientId,
      algorithms: ALGORITHMS,
      clockTolerance: expect.clockSkewSeconds,
      maxTokenAge: '1h',
      requiredClaims: ['iss', 'aud', 'exp', 'iat', 'nonce'],
    }));
  } catch (err) {
    throw refuse(describeJoseError(err), err);
  }
  const aud = payload.aud;
  if (Array.isArray(aud) && aud.length > 1 && payload.azp !== expect.clientId) {
    throw refuse(`azp must be ${expect.clientId} when aud has several values`);
  }
  if (payload.azp !== undefined && payload.azp !== expect.clientId) {
    throw refuse(`azp ${String(payload.azp)} is not this tool's client_id`);
  }
  if (payload.nonce !== expect.nonce) throw refuse('nonce does not match the login');
  return payload;
}

function describeJoseError(err: unknown): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired (exp)';
  if (err instanceof errors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason === 'check_failed' ? 'is wrong' : err.reason.replace('_', ' ')}: ${err.message}`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'the signature does not verify';
  if (err instanceof errors.JWKSNoMatchingKey) return 'it is signed with a key the platform does not publish (unknown kid)';
  if (err instanceof errors.JWKSMultipleMatchingKeys) return 'the platform publishes several keys matching this kid';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'its signature algorithm is not allowed (asymmetric algorithms only)';
  if (err instanceof errors.JWKSTimeout) return 'the platform’s key set (JWKS) did not answer in time';
  if (err instanceof errors.JWKSInvalid) return 'the platform’s key set (JWKS) is not valid';
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return `it is malformed: ${err.message}`;
  if (err instanceof errors.JOSEError) return err.message;
  if (err instanceof Error) return `the platform’s key set could not be fetched: ${err.message}`;
  return 'unknown error';
}
