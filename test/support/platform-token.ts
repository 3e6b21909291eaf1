import crypto from 'node:crypto';
import type http from 'node:http';
import { decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { mediaType, readBody, sendJson } from './platform-http.js';
import type { ServiceHost } from './platform-state.js';

/**
 * Moodle's mod/lti/token.php: OAuth 2.0 client credentials with a JWT assertion signed by the tool
 * (1EdTech Security Framework §4.1). Moodle answers every refusal with 400 and an OAuth `error`;
 * it keeps the requested scopes the tool is permitted and refuses only when none is left
 * (`array_intersect`, then `invalid_scope`). Moodle itself checks only the signature and `sub`;
 * like the Security Framework we also check iss, aud, exp, iat and a single-use jti.
 */
export async function handleTokenRequest(host: ServiceHost, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const refuse = (error: string, description: string) => sendJson(res, 400, { error, error_description: description });
  if (req.method !== 'POST' || mediaType(req.headers['content-type']) !== 'application/x-www-form-urlencoded') {
    return refuse('invalid_request', 'POST an application/x-www-form-urlencoded body');
  }
  const form = new URLSearchParams(await readBody(req));
  for (const name of ['grant_type', 'client_assertion_type', 'client_assertion', 'scope']) {
    if (!form.get(name)) return refuse('invalid_request', `${name} is missing`);
  }
  if (form.get('grant_type') !== 'client_credentials') return refuse('unsupported_grant_type', 'grant_type must be client_credentials');
  if (form.get('client_assertion_type') !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
    return refuse('unsupported_grant_type', 'client_assertion_type must be urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
  }
  const assertion = form.get('client_assertion')!;
  let unverified: JWTPayload;
  try {
    unverified = decodeJwt(assertion);
  } catch {
    return refuse('invalid_request', 'client_assertion is not a JWT');
  }
  if (!unverified.sub) return refuse('invalid_request', 'client_assertion has no sub');
  if (unverified.sub !== host.clientId) return refuse('invalid_client', `unknown client ${unverified.sub}`);
  if (unverified.iss !== unverified.sub) return refuse('invalid_client', 'iss and sub must both be the client_id');
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(assertion, await host.toolKeySet(), {
      algorithms: ['RS256'],
      audience: host.authTokenUrl,
      requiredClaims: ['exp', 'iat', 'jti'],
    }));
  } catch (err) {
    return refuse('invalid_client', `client_assertion refused: ${(err as Error).message}`);
  }
  if (host.state.usedJtis.has(payload.jti!)) return refuse('invalid_client', 'client_assertion jti already used');
  host.state.usedJtis.add(payload.jti!);
  const requested = form.get('scope')!.split(' ').filter(Boolean);
  const scopes = requested.filter((s) => host.permittedScopes.includes(s));
  if (scopes.length === 0) return refuse('invalid_scope', `none of the requested scopes is permitted: ${requested.join(' ')}`);
  const accessToken = crypto.randomBytes(16).toString('hex');
  host.state.tokens.set(accessToken, { scopes, expiresAt: Date.now() + host.accessTokenLifetimeSeconds * 1000 });
  sendJson(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: host.accessTokenLifetimeSeconds, scope: scopes.join(' ') });
}
