/** Nonces of accepted id_tokens (OIDC replay protection). Imports nothing: src/db/schema.ts reads it. */
export interface LtiNoncesTable {
  nonce: string;
  expires_at: Date;
}
