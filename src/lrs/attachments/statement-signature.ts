import { X509Certificate, verify } from 'node:crypto';
import { statementsMatch } from '../statements/statement-compare.js';
import type { Statement } from '../xapi/xapi.types.js';
import { XapiError } from '../xapi/xapi-error.js';
import { SIGNATURE_USAGE_TYPE } from './attachment-part.js';

/** The JWS algorithms a signed statement may use, with their hash (Data 2.6.s4.b4; RFC 7518 3.3). */
const HASH_OF_ALG: Record<string, string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };

const BASE64URL = /^[A-Za-z0-9_-]+$/;

interface DecodedJws {
  header: Record<string, unknown>;
  /** ASCII(BASE64URL(protected header) "." BASE64URL(payload)), what the signature covers (RFC 7515 5.2). */
  signingInput: string;
  payload: string;
  signature: Buffer;
}

/**
 * Checks the JWS of a signed statement (xAPI Data 2.6, LRS requirements 2.6.s5): decoded, an RSA
 * algorithm, a payload that is the JSON of the statement before the signature was added, and when
 * the header carries an X.509 chain (`x5c`), a signature that verifies with its first certificate.
 * Without `x5c` the LRS has no key to check the signature with; the spec asks for no more.
 *
 * node:crypto rather than jose verifies: jose refuses RSA keys under 2048 bits, and the spec's own
 * example (Appendix D) is signed with a 1024-bit key.
 */
export function verifyStatementSignature(statement: Statement, jws: string): void {
  const { header, signingInput, payload, signature } = decodeJws(jws.trim());
  const hash = typeof header.alg === 'string' ? HASH_OF_ALG[header.alg] : undefined;
  if (!hash) throw invalid(`its algorithm is ${JSON.stringify(header.alg)}; it must be RS256, RS384 or RS512`);
  const signed = parseStatement(payload);
  if (header.x5c !== undefined) verifyWithCertificate(header.x5c, hash, signingInput, signature);
  if (!statementsMatch(signed, withoutSignatures(statement))) {
    throw invalid('its payload is not the statement as sent (less the signature attachment)');
  }
}

/** Compact serialization (Data 2.6.s4.b2 "SHOULD*"), or the JSON serializations the spec still allows. */
function decodeJws(jws: string): DecodedJws {
  const { protectedHeader, payload, signature, unprotected } = jws.startsWith('{') ? jsonSegments(jws) : compactSegments(jws);
  for (const [name, value] of [['header', protectedHeader], ['payload', payload], ['signature', signature]] as const) {
    if (!BASE64URL.test(value)) throw invalid(`its ${name} is missing or not base64url`);
  }
  const header = parseJson(Buffer.from(protectedHeader, 'base64url').toString('utf8'), 'its protected header');
  if (!isObject(header)) throw invalid('its protected header is not a JSON object');
  return {
    header: { ...unprotected, ...header },
    signingInput: `${protectedHeader}.${payload}`,
    payload: Buffer.from(payload, 'base64url').toString('utf8'),
    signature: Buffer.from(signature, 'base64url'),
  };
}

interface JwsSegments {
  protectedHeader: string;
  payload: string;
  signature: string;
  unprotected: Record<string, unknown>;
}

function compactSegments(jws: string): JwsSegments {
  const segments = jws.split('.');
  if (segments.length !== 3) throw invalid('it is not a JWS in compact serialization (three base64url segments separated by dots)');
  const [protectedHeader, payload, signature] = segments as [string, string, string];
  return { protectedHeader, payload, signature, unprotected: {} };
}

/** Flattened or general JSON serialization (RFC 7515 7.2); of several signatures, the first is checked. */
function jsonSegments(jws: string): JwsSegments {
  // Starts with "{": parsed, it is an object.
  const json = parseJson(jws, 'its JSON serialization') as Record<string, unknown>;
  const signed = Array.isArray(json.signatures) ? json.signatures[0] : json;
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return {
    protectedHeader: isObject(signed) ? text(signed.protected) : '',
    payload: text(json.payload),
    signature: isObject(signed) ? text(signed.signature) : '',
    unprotected: isObject(signed) && isObject(signed.header) ? signed.header : {},
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Data 2.6.s4.b3: the payload is a valid JSON serialization of the complete statement. */
function parseStatement(payload: string): Statement {
  const value = parseJson(payload, 'its payload');
  if (!isObject(value)) throw invalid('its payload is not a statement (a JSON object)');
  return value as unknown as Statement;
}

/** Data 2.6.s5.b3.b3: "validate the signature against that certificate as defined in JWS". */
function verifyWithCertificate(x5c: unknown, hash: string, signingInput: string, signature: Buffer): void {
  const first: unknown = Array.isArray(x5c) ? x5c[0] : undefined;
  if (typeof first !== 'string') throw invalid('its x5c header is not an array of base64 certificates');
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(Buffer.from(first, 'base64'));
  } catch {
    throw invalid('the first certificate of its x5c header cannot be read');
  }
  const key = certificate.publicKey;
  if (key.asymmetricKeyType !== 'rsa') throw invalid(`the certificate of its x5c header has a ${key.asymmetricKeyType} key, not RSA`);
  if (!verify(hash, Buffer.from(signingInput, 'ascii'), key, signature)) {
    throw invalid('the signature does not verify with the first certificate of its x5c header');
  }
}

/**
 * The statement as it was signed: the signature attachment is added after signing, so it is
 * removed (and `attachments` with it when nothing else remains); other attachments were signed.
 */
function withoutSignatures(statement: Statement): Statement {
  const attachments = statement.attachments?.filter((a) => a.usageType !== SIGNATURE_USAGE_TYPE);
  const { attachments: _signed, ...rest } = statement;
  return attachments?.length ? { ...rest, attachments } : rest;
}

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalid(`${what} is not valid JSON (${(err as Error).message})`);
  }
}

function invalid(reason: string): XapiError {
  return new XapiError(400, `The statement signature is malformed: ${reason}.`);
}
