import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, X509Certificate } from 'node:crypto';
import { describe, it } from 'node:test';
import { CompactSign, generateKeyPair, importPKCS8 } from 'jose';
import { verifyStatementSignature } from '../../../../src/lrs/attachments/statement-signature.js';
import type { Statement } from '../../../../src/lrs/xapi/xapi.types.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';
import { APPENDIX_D_CERTIFICATE, APPENDIX_D_JWS, APPENDIX_D_PRIVATE_KEY, APPENDIX_D_SIGNED_STATEMENT } from './appendix-d.js';
import { signJws, signedStatement, statementWith, textAttachment, TEXT1 } from './multipart-fixtures.js';

const original: Statement = { ...statementWith(), id: '0b6a6a2e-4b8e-4bb0-9b5c-7f3c1e6c2d10', timestamp: '2024-03-01T10:00:00.000Z' };
const appendixKey = createPrivateKey(APPENDIX_D_PRIVATE_KEY);
const appendixX5c = [new X509Certificate(APPENDIX_D_CERTIFICATE).raw.toString('base64')];

async function joseJws(payload: unknown, alg: string, header: Record<string, unknown> = {}): Promise<string> {
  const { privateKey } = await generateKeyPair(alg);
  return new CompactSign(Buffer.from(JSON.stringify(payload))).setProtectedHeader({ alg, ...header }).sign(privateKey);
}

function refused(statement: Statement, jws: string, reason: RegExp) {
  assert.throws(
    () => verifyStatementSignature(statement, jws),
    (err: unknown) => err instanceof XapiError && err.status === 400 && reason.test(String(err.params.reason)),
  );
}

/** A self-signed certificate made by OpenSSL now, with its key (PKCS#8 PEM). */
function selfSigned(algorithm: 'rsa:2048' | 'ec'): { certificate: string; key: string } {
  const args = ['req', '-x509', '-nodes', '-days', '1', '-subj', '/CN=Amphi test signer', '-keyout', '-'];
  const keyArgs = algorithm === 'ec' ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  const pem = execFileSync('openssl', [...args, ...keyArgs], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----/.exec(pem)![0];
  const certificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/.exec(pem)![0];
  return { certificate, key };
}
const der = (pem: string) => new X509Certificate(pem).raw.toString('base64');

describe('signed statements (Data 2.6)', () => {
  it('accepts the example of Appendix D: 1024-bit RS256 key, x5c chain, payload with CRLF newlines', () => {
    verifyStatementSignature(APPENDIX_D_SIGNED_STATEMENT, APPENDIX_D_JWS);
  });

  for (const alg of ['RS256', 'RS384', 'RS512']) {
    it(`accepts ${alg} signed by jose without x5c (the suite's signatures carry none)`, async () => {
      const jws = await joseJws(original, alg);
      verifyStatementSignature(signedStatement(original, jws), jws);
    });
  }

  it('verifies with the key of an x5c certificate made at test time (OpenSSL, self-signed, 2048-bit)', async () => {
    const { certificate, key } = selfSigned('rsa:2048');
    const x5c = [der(certificate)];
    const jws = await new CompactSign(Buffer.from(JSON.stringify(original)))
      .setProtectedHeader({ alg: 'RS512', x5c })
      .sign(await importPKCS8(key, 'RS512'));
    verifyStatementSignature(signedStatement(original, jws), jws);

    const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    refused(signedStatement(original, jws), signJws(original, other, { alg: 'RS512', x5c }), /does not verify with the first certificate of its x5c header/);
  });

  it('refuses a certificate whose key is not RSA', () => {
    const { certificate, key } = selfSigned('ec');
    const jws = signJws(original, createPrivateKey(key), { alg: 'RS256', x5c: [der(certificate)] });
    refused(signedStatement(original, jws), jws, /has a ec key, not RSA/);
  });

  it('keeps the attachments signed with the statement, removing only the signature', () => {
    const withFile = { ...original, attachments: [textAttachment(TEXT1, { fileUrl: 'http://example.com/t1.txt' })] };
    const jws = signJws(withFile, appendixKey, { alg: 'RS384', x5c: appendixX5c });
    verifyStatementSignature(signedStatement(withFile, jws), jws);
  });

  it('accepts the JWS JSON serializations (flattened, general) the spec still allows', () => {
    const [protectedHeader, payload, signature] = signJws(original, appendixKey, { alg: 'RS256', x5c: appendixX5c }).split('.');
    const flattened = JSON.stringify({ protected: protectedHeader, payload, signature });
    verifyStatementSignature(signedStatement(original, flattened), flattened);
    const general = JSON.stringify({ payload, signatures: [{ protected: protectedHeader, header: { kid: 'k1' }, signature }] });
    verifyStatementSignature(signedStatement(original, general), general);
    refused(original, JSON.stringify({ payload, signature }), /header is missing/);
    refused(original, JSON.stringify({ payload, signatures: [] }), /header is missing/);
    refused(original, '{"payload":', /JSON serialization is not valid JSON/);
  });

  it('refuses other algorithms: HS256 (the suite signs with the PEM as secret), none, PS256', async () => {
    const hs = await new CompactSign(Buffer.from(JSON.stringify(original))).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode('a shared secret'));
    refused(signedStatement(original, hs), hs, /algorithm is "HS256"; it must be RS256, RS384 or RS512/);
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(original)).toString('base64url')}.`;
    refused(original, none, /signature is missing/);
    refused(original, signJws(original, appendixKey, { alg: 'none' }), /algorithm is "none"/);
    refused(original, signJws(original, appendixKey, { typ: 'JWT' }), /algorithm is undefined/);
    refused(original, await joseJws(original, 'PS256'), /algorithm is "PS256"/);
  });

  it('refuses a payload that is not JSON (helper.js breakJson) or not an object (XAPI-00116)', () => {
    const broken = JSON.stringify(original).replace('"', "'");
    refused(original, signJws(broken, appendixKey), /payload is not valid JSON/);
    refused(original, signJws([original], appendixKey), /payload is not a statement/);
    refused(original, signJws('"text"', appendixKey), /payload is not a statement/);
  });

  it('refuses a payload that is another statement', () => {
    const jws = signJws({ ...original, verb: { id: 'http://adlnet.gov/expapi/verbs/failed' } }, appendixKey, { alg: 'RS256', x5c: appendixX5c });
    refused(signedStatement(original, jws), jws, /payload is not the statement as sent/);
    const partial = signJws({ verb: original.verb }, appendixKey);
    refused(signedStatement(original, partial), partial, /payload is not the statement as sent/);
  });

  it('refuses a signature that does not verify with the x5c certificate', () => {
    const jws = signJws(original, appendixKey, { alg: 'RS256', x5c: appendixX5c });
    const [h, p, s] = jws.split('.') as [string, string, string];
    const flipped = Buffer.from(s, 'base64url');
    flipped[10]! ^= 1;
    refused(signedStatement(original, jws), `${h}.${p}.${flipped.toString('base64url')}`, /does not verify/);
    const other = Buffer.from(JSON.stringify({ ...original, id: undefined })).toString('base64url');
    refused(original, `${h}.${other}.${s}`, /does not verify/);
    refused(original, signJws(original, appendixKey, { alg: 'RS384', x5c: appendixX5c }).replace(/^[^.]+/, h), /does not verify/);
  });

  it('refuses an x5c header that is not an array of certificates', () => {
    refused(original, signJws(original, appendixKey, { alg: 'RS256', x5c: appendixX5c[0] }), /x5c header is not an array/);
    refused(original, signJws(original, appendixKey, { alg: 'RS256', x5c: [] }), /x5c header is not an array/);
    refused(original, signJws(original, appendixKey, { alg: 'RS256', x5c: ['bm90IGEgY2VydGlmaWNhdGU='] }), /cannot be read/);
  });

  it('refuses what is not a JWS', () => {
    refused(original, 'not a jws', /not a JWS in compact serialization/);
    refused(original, 'a.b', /not a JWS in compact serialization/);
    refused(original, 'a.b.c.d.e', /not a JWS in compact serialization/);
    refused(original, 'a+/.b.c', /header is missing or not base64url/);
    refused(original, `${Buffer.from('{"alg":').toString('base64url')}.e30.c2ln`, /protected header is not valid JSON/);
    refused(original, `${Buffer.from('["RS256"]').toString('base64url')}.e30.c2ln`, /protected header is not a JSON object/);
  });
});
