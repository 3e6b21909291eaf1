import { createHash } from 'node:crypto';
import type { ChecksumAlgorithm } from './bbb.types.js';

/**
 * The API checksum: the hex digest of `callName + queryString + secret`
 * (https://docs.bigbluebutton.org/development/api/#api-security-model).
 *
 * BBB recomputes it over the raw query string it received, minus the checksum parameter, so the
 * string hashed here must be byte for byte the one sent in the URL: build it once with
 * `encodeQuery` and use it for both. A POST is signed over its URL's query string too (an empty
 * one when every parameter travels in the body).
 */
export function checksum(algorithm: ChecksumAlgorithm, callName: string, queryString: string, secret: string): string {
  return createHash(algorithm).update(callName + queryString + secret, 'utf8').digest('hex');
}

export type QueryValue = string | number | boolean | undefined | null;

/**
 * The query string BBB expects: application/x-www-form-urlencoded in UTF-8 (spaces as '+', as in
 * the docs' example `name=Test+Meeting`), parameters in the given order, booleans as the literal
 * `true`/`false` the API requires, undefined and null left out.
 */
export function encodeQuery(params: Iterable<[string, QueryValue]>): string {
  const search = new URLSearchParams();
  for (const [name, value] of params) {
    if (value === undefined || value === null) continue;
    search.append(name, String(value));
  }
  return search.toString();
}

/**
 * The signed URL of an API call: `<base><call>?<query>&checksum=<hex>`. The base ends with '/'
 * (normalized by the client).
 */
export function signedCallUrl(
  base: string,
  callName: string,
  queryString: string,
  secret: string,
  algorithm: ChecksumAlgorithm,
): string {
  const sum = checksum(algorithm, callName, queryString, secret);
  return `${base}${callName}?${queryString ? `${queryString}&` : ''}checksum=${sum}`;
}
