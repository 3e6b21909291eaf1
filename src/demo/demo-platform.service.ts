import crypto from 'node:crypto';
import net from 'node:net';
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import type { AppContext } from '../app-context.js';
import { AppError } from '../http/errors.js';
import { addPlatformRow, ensureDeployment, platformsChanged, removePlatform } from '../lti/platforms/platform.service.js';
import type { PlatformRow } from '../lti/platforms/platform.table.js';
import { findDemoPlatform, insertDemoPlatform, listDemoPlatformIds } from './demo-platform.repository.js';

export const DEMO_CLIENT_ID = 'amphi-demo';
export const DEMO_DEPLOYMENT_ID = 'amphi-demo-deployment';
export const DEMO_PLATFORM_NAME = 'Amphi demo platform (not a real LMS)';

export interface DemoPerson {
  sub: string;
  name: string;
  givenName: string;
  familyName: string;
  email: string;
  /** How the generator made this learner behave (regular, drifting, never active…), shown on the demo page. */
  profile?: string;
}

export interface DemoActivity {
  /** The LMS activity (resource_link.id in the launch). */
  resourceLinkId: string;
  /** Sent as the custom parameter a deep-linked activity carries, so the launch opens this resource. */
  resourceId: string;
  kind: string;
  title: string;
}

/** The course the demo platform shows and launches from (stored as JSON in demo_platforms.course). */
export interface DemoCourse {
  context: { id: string; title: string; label: string };
  teachers: DemoPerson[];
  learners: DemoPerson[];
  activities: DemoActivity[];
}

/** The demo platform, when it may run on this PUBLIC_URL: its row, course and signing key. */
export interface LiveDemo {
  platform: PlatformRow;
  course: DemoCourse;
  kid: string;
  signingKey: CryptoKey;
  publicJwk: JWK;
}

/** The demo platform lives at PUBLIC_URL/demo/: same origin as Amphi, so it frames Amphi as Moodle does. */
export function demoEndpoints(publicUrl: string) {
  return {
    issuer: `${publicUrl}/demo`,
    authLoginUrl: `${publicUrl}/demo/auth`,
    authTokenUrl: `${publicUrl}/demo/token`,
    jwksUrl: `${publicUrl}/demo/jwks.json`,
    page: `${publicUrl}/demo/`,
  };
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1: a browser on this machine only. */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (net.isIPv4(host)) return host.startsWith('127.');
  return net.isIPv6(host) && (host === '::1' || host === '0:0:0:0:0:0:0:1');
}

/**
 * A platform that signs launches for whoever reaches it may only run where nobody else can reach
 * it (a loopback PUBLIC_URL), or on the one URL an operator named explicitly.
 */
export function demoAllowedOn(publicUrl: string, allowedPublicUrl: string | null): boolean {
  return isLoopbackUrl(publicUrl) || (allowedPublicUrl !== null && allowedPublicUrl === publicUrl);
}

export function assertDemoAllowed(publicUrl: string, allowPublicUrl: boolean): void {
  if (!allowPublicUrl && !isLoopbackUrl(publicUrl)) throw new AppError('demo-public-url', 409, { publicUrl });
}

/**
 * Creates the demo platform: a platform row marked `demo`, registered as the operator's own (the
 * CLI made it, so Amphi fetches its key set on PUBLIC_URL under the operator's trust, as for any
 * platform added with `amphi platform add`), one deployment, and a fresh RS256 key whose private
 * half is kept in the secret box. The course is filled in by the caller once generated.
 */
export async function createDemoPlatform(ctx: AppContext, options: { allowPublicUrl: boolean }): Promise<PlatformRow> {
  const publicUrl = ctx.config.http.publicUrl;
  assertDemoAllowed(publicUrl, options.allowPublicUrl);
  const endpoints = demoEndpoints(publicUrl);
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
  const kid = crypto.randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256' };
  const platform = await ctx.db.transaction().execute(async (trx) => {
    const row = await addPlatformRow(trx, {
      name: DEMO_PLATFORM_NAME,
      issuer: endpoints.issuer,
      client_id: DEMO_CLIENT_ID,
      auth_login_url: endpoints.authLoginUrl,
      auth_token_url: endpoints.authTokenUrl,
      jwks_url: endpoints.jwksUrl,
      allow_new_deployments: false,
      registered_via: 'manual',
      product_family_code: 'amphi-demo',
      demo: true,
    });
    await ensureDeployment(trx, row.id, DEMO_DEPLOYMENT_ID);
    await insertDemoPlatform(trx, {
      platform_id: row.id,
      kid,
      private_key: ctx.secrets.encrypt(JSON.stringify(privateJwk)),
      public_jwk: JSON.stringify(publicJwk),
      course: JSON.stringify(emptyCourse()),
      allowed_public_url: isLoopbackUrl(publicUrl) ? null : publicUrl,
    });
    return row;
  });
  platformsChanged(ctx);
  ctx.logger.warn({ feature: 'demo', demo: true, platformId: platform.id, issuer: platform.issuer }, 'demo platform created: it signs launches for anyone who opens PUBLIC_URL/demo/');
  return platform;
}

/** Removes every demo platform and, by cascade, its whole course (users, resources, statements…). */
export async function removeDemoPlatforms(ctx: AppContext): Promise<number> {
  const ids = await listDemoPlatformIds(ctx.db);
  for (const { id } of ids) {
    const removed = await removePlatform(ctx.db, id);
    ctx.platformJwks.forget(removed.jwksUrl);
  }
  if (ids.length) platformsChanged(ctx);
  return ids.length;
}

/** Private keys imported once per stored ciphertext (the JWKS and every launch read them). */
const importedKeys = new Map<string, Promise<CryptoKey>>();

/**
 * The demo platform if one exists and may run here: PUBLIC_URL still the one it was made for
 * (its issuer), and loopback or explicitly allowed. Anything else is as if there were none.
 */
export async function loadLiveDemo(ctx: AppContext): Promise<LiveDemo | undefined> {
  const found = await findDemoPlatform(ctx.db);
  if (!found) return undefined;
  const { platform, demo } = found;
  const publicUrl = ctx.config.http.publicUrl;
  if (platform.issuer !== demoEndpoints(publicUrl).issuer || !demoAllowedOn(publicUrl, demo.allowed_public_url)) {
    warnOnce(ctx, platform.id, () =>
      ctx.logger.warn(
        { feature: 'demo', demo: true, platformId: platform.id, issuer: platform.issuer, publicUrl },
        'a demo platform is registered but not served on this PUBLIC_URL (amphi demo --reset to make it again, amphi platform remove to drop it)',
      ),
    );
    return undefined;
  }
  warnOnce(ctx, platform.id, () =>
    ctx.logger.warn({ feature: 'demo', demo: true, platformId: platform.id, page: demoEndpoints(publicUrl).page }, 'demo platform served: anyone who reaches this page can open the demo course as anyone'),
  );
  let signingKey = importedKeys.get(demo.private_key);
  if (!signingKey) {
    signingKey = importJWK(JSON.parse(ctx.secrets.decrypt(demo.private_key)) as JWK, 'RS256') as Promise<CryptoKey>;
    importedKeys.set(demo.private_key, signingKey);
  }
  return {
    platform,
    course: JSON.parse(demo.course) as DemoCourse,
    kid: demo.kid,
    signingKey: await signingKey,
    publicJwk: JSON.parse(demo.public_jwk) as JWK,
  };
}

const warned = new WeakMap<AppContext, Set<string>>();

/** Once per process (per context) and platform: the logs say a demo runs, without a line per request. */
function warnOnce(ctx: AppContext, platformId: string, log: () => void): void {
  let seen = warned.get(ctx);
  if (!seen) warned.set(ctx, (seen = new Set()));
  if (seen.has(platformId)) return;
  seen.add(platformId);
  log();
}

function emptyCourse(): DemoCourse {
  return { context: { id: 'demo', title: 'Demo course', label: 'DEMO' }, teachers: [], learners: [], activities: [] };
}
