import crypto from 'node:crypto';
import { after, before, beforeEach } from 'node:test';
import { createCredential } from '../../src/lrs/credentials/credential.service.js';
import type { LrsScope } from '../../src/lrs/credentials/lrs-principal.js';
import { addPlatform } from '../../src/lti/platforms/platform.service.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface LrsResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: any;
}

export interface LrsRequestOptions {
  params?: Record<string, string>;
  headers?: Record<string, string>;
  /** Sent as application/json. */
  json?: unknown;
  body?: string | Buffer;
  contentType?: string;
  /** X-Experience-API-Version; null sends none. */
  version?: string | null;
  /** Basic credentials other than the client's own; null sends none. */
  auth?: { key: string; secret: string } | null;
}

export interface LrsClient {
  platformId: string;
  key: string;
  secret: string;
  request(method: string, path: string, options?: LrsRequestOptions): Promise<LrsResponse>;
}

/** A platform registered straight in the database, for LRS tests that need no LTI launch. */
export async function addLrsPlatform(app: TestApp, name = 'Moodle'): Promise<string> {
  const host = `https://moodle-${crypto.randomBytes(3).toString('hex')}.example`;
  const platform = await addPlatform(
    app.ctx.db,
    { name, issuer: host, clientId: 'amphi', authLoginUrl: `${host}/mod/lti/auth.php`, authTokenUrl: `${host}/mod/lti/token.php`, jwksUrl: `${host}/mod/lti/certs.php` },
    { allowNewDeployments: true },
  );
  return platform.id;
}

/** A real credential (created by the service the CLI uses) and requests to `${app.url}/xapi…` with it. */
export async function createLrsClient(app: TestApp, platformId: string, scopes: LrsScope[] = ['all'], name = 'test client'): Promise<LrsClient> {
  const credential = await createCredential(app.ctx.db, { platformId, name, scopes, publicUrl: app.url });
  return {
    platformId,
    key: credential.key,
    secret: credential.secret,
    request: (method, path, options = {}) => lrsRequest(app.url, method, path, { ...options, auth: options.auth === undefined ? credential : options.auth }),
  };
}

export async function lrsRequest(baseUrl: string, method: string, path: string, options: LrsRequestOptions = {}): Promise<LrsResponse> {
  const url = new URL(`${baseUrl}/xapi${path}`);
  for (const [k, v] of Object.entries(options.params ?? {})) url.searchParams.set(k, v);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.version !== null) headers['X-Experience-API-Version'] ??= options.version ?? '1.0.3';
  if (options.auth) headers.Authorization ??= `Basic ${Buffer.from(`${options.auth.key}:${options.auth.secret}`).toString('base64')}`;
  let body: string | Buffer | undefined = options.body;
  if (options.json !== undefined) {
    body = JSON.stringify(options.json);
    headers['Content-Type'] ??= 'application/json';
  } else if (options.contentType) headers['Content-Type'] = options.contentType;
  const response = await fetch(url, { method, headers, body: typeof body === 'string' || body === undefined ? body : new Uint8Array(body) });
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/**
 * For a describe block: one Amphi for the file, then before each test a clean database, a
 * platform and a credential with every scope, handed to `ready`.
 */
export function useLrsApp(ready: (fixture: { app: TestApp; lrs: LrsClient }) => void): void {
  let app: TestApp | undefined;
  before(async () => {
    app = await startTestApp();
  });
  after(() => app?.close());
  beforeEach(async () => {
    await app!.reset();
    ready({ app: app!, lrs: await createLrsClient(app!, await addLrsPlatform(app!)) });
  });
}
