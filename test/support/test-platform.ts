import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, type CryptoKey, type JWK, type JWTPayload } from 'jose';
import { BrowserClient, parseForm } from './browser-client.js';
import { PlatformServices } from './platform-services.js';
import type { ServiceLaunchSpec } from './platform-state.js';

/**
 * An LTI 1.3 platform in the test process, behaving like Moodle where it matters: its own RSA
 * keys and JWKS endpoint, an OIDC authorization endpoint that checks the tool's authentication
 * request and answers with a signed id_token in an auto-posted form, and Moodle's dynamic
 * registration endpoints with Moodle's rules; its LTI Advantage services (token, AGS, NRPS,
 * deep-linking return) come from PlatformServices (platform-services.ts).
 */
export interface LaunchSpec extends ServiceLaunchSpec {
  messageType?: 'LtiResourceLinkRequest' | 'LtiDeepLinkingRequest' | string;
  sub?: string | null;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  roles?: string[];
  locale?: string;
  deploymentId?: string;
  context?: { id: string; title?: string; label?: string } | null;
  resourceLink?: { id: string; title?: string } | null;
  custom?: Record<string, string>;
  returnUrl?: string;
  /** Change the id_token payload before it is signed. */
  tamper?: (payload: Record<string, unknown>) => void;
  /** Replace the whole id_token (garbage, other keys, other algorithms). */
  idToken?: (payload: Record<string, unknown>) => Promise<string> | string;
  /** Sign with this key instead of the platform's current one. */
  signWith?: { key: CryptoKey | Uint8Array; kid?: string; alg?: string };
  /**
   * Content embedded in a text, as Moodle's local_amphi launches it: the login says
   * `amphi_auth=local`, and only /local/amphi/auth.php signs it (mod/lti/auth.php has no course
   * module for it and refuses, as Moodle's does).
   */
  embeddedInText?: boolean;
}

export const ROLE = {
  instructor: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor',
  learner: 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner',
  admin: 'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
  institutionAdmin: 'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
  teachingAssistant: 'http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant',
};

interface PlatformKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
}

export class TestPlatform extends PlatformServices {
  readonly clientId = `client-${crypto.randomBytes(4).toString('hex')}`;
  readonly deploymentId = '1';
  url = '';
  private server!: http.Server;
  private keys: PlatformKey[] = [];
  private pending = new Map<string, { spec: LaunchSpec; targetLinkUri: string }>();
  /** Redirect URIs the platform accepts (Moodle's "Redirection URI(s)"). */
  redirectUris: string[] = [];
  jwksRequests = 0;
  /** Authentication requests that reached Moodle's local_amphi (content embedded in a text). */
  localAuthRequests = 0;
  /** Registration requests received (dynamic registration tests read them). */
  registrations: Record<string, unknown>[] = [];
  /** Requests for openid-configuration.php (a refused registration must not even read it). */
  openIdConfigurationRequests = 0;
  /** Moodle's tool types made by registrations: type id (the deployment id it sends) → client id. */
  readonly toolTypes = new Map<string, string>();
  private nextTypeId = 7;

  /** `host`: another loopback address stands for a Moodle on the university's private network. */
  static async start(options: { host?: string } = {}): Promise<TestPlatform> {
    const platform = new TestPlatform();
    await platform.rotateKey();
    platform.server = http.createServer((req, res) => {
      platform.handle(req, res).catch((err) => {
        res.writeHead(500, { 'Content-Type': 'text/plain' }).end(String(err));
      });
    });
    const host = options.host ?? '127.0.0.1';
    await new Promise<void>((resolve) => platform.server.listen(0, host, resolve));
    platform.url = `http://${host}:${(platform.server.address() as AddressInfo).port}`;
    return platform;
  }

  get issuer(): string {
    return this.url;
  }
  get authLoginUrl(): string {
    return `${this.url}/mod/lti/auth.php`;
  }
  get authTokenUrl(): string {
    return `${this.url}/mod/lti/token.php`;
  }
  get jwksUrl(): string {
    return `${this.url}/mod/lti/certs.php`;
  }

  /** What `amphi platform add` needs. */
  registration(deploymentIds: string[] = [this.deploymentId]) {
    return {
      issuer: this.issuer,
      clientId: this.clientId,
      authLoginUrl: this.authLoginUrl,
      authTokenUrl: this.authTokenUrl,
      jwksUrl: this.jwksUrl,
      deploymentIds,
    };
  }

  /** A new current signing key; older keys stay published until `dropOldKeys`. */
  async rotateKey(): Promise<PlatformKey> {
    const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
    const kid = crypto.randomUUID();
    const key = { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
    this.keys.unshift(key);
    return key;
  }

  dropOldKeys(): void {
    this.keys = this.keys.slice(0, 1);
  }

  get currentKey(): PlatformKey {
    return this.keys[0]!;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /**
   * A whole launch as a browser does it: tool login → platform auth → form post to the tool.
   * Returns the tool's final answer.
   */
  async launch(toolUrl: string, spec: LaunchSpec = {}, browser = new BrowserClient(), options: { loginMethod?: 'GET' | 'POST' } = {}) {
    const login = await this.startLogin(toolUrl, spec, browser, options);
    if (login.status !== 302) return { response: login, html: await login.text(), browser };
    const form = await this.authorize(login.headers.get('location')!, browser);
    const response = await browser.postForm(form.action, form.fields);
    return { response, html: await response.text(), browser, form };
  }

  /** Step 1: the third-party initiated login, as the platform's launch page sends it. */
  async startLogin(toolUrl: string, spec: LaunchSpec, browser: BrowserClient, options: { loginMethod?: 'GET' | 'POST'; targetLinkUri?: string } = {}) {
    const params = this.loginParams(toolUrl, spec, options.targetLinkUri);
    return options.loginMethod === 'POST'
      ? browser.postForm(`${toolUrl}/lti/login`, params)
      : browser.get(`${toolUrl}/lti/login?${new URLSearchParams(params)}`);
  }

  /** Step 2: the browser follows the tool's redirect to our authorization endpoint. */
  async authorize(location: string, browser: BrowserClient) {
    const response = await browser.get(location);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`Platform refused the authentication request: ${response.status} ${body}`);
    return parseForm(body);
  }

  /** Course pages prepared by `prepareLaunch`, by lti_message_hint. */
  private coursePages = new Map<string, { toolUrl: string; params: Record<string, string>; loginMethod: 'GET' | 'POST' }>();

  /**
   * A launch for a real browser: returns the URL of an LMS course page (this platform's origin)
   * that shows the tool in an iframe, as Moodle does for an activity set to open "Embed". The
   * iframe opens `/mod/lti/launch.php`, which sends the third-party initiated login to the tool
   * (a 302 for GET, an auto-submitted form for POST, as Moodle's launch.php does); from there the
   * whole OIDC flow (tool login → `/mod/lti/auth.php` → form_post of the id_token to the tool)
   * happens inside that cross-site iframe. Same bookkeeping as `startLogin`: the LaunchSpec is
   * kept under the lti_message_hint, and may be launched again (the tool's "new window" relaunch).
   */
  prepareLaunch(toolUrl: string, spec: LaunchSpec = {}, options: { loginMethod?: 'GET' | 'POST'; targetLinkUri?: string } = {}): string {
    const params = this.loginParams(toolUrl, spec, options.targetLinkUri);
    this.coursePages.set(params.lti_message_hint, { toolUrl, params, loginMethod: options.loginMethod ?? 'GET' });
    return `${this.url}/course/view.php?launch=${encodeURIComponent(params.lti_message_hint)}`;
  }

  /** The login initiation parameters; the LaunchSpec waits under the lti_message_hint for auth.php. */
  private loginParams(toolUrl: string, spec: LaunchSpec, targetLinkUri = `${toolUrl}/lti/launch`) {
    const hint = crypto.randomUUID();
    this.pending.set(hint, { spec, targetLinkUri });
    return {
      iss: this.issuer,
      login_hint: spec.sub ?? 'anonymous',
      target_link_uri: targetLinkUri,
      lti_message_hint: hint,
      client_id: this.clientId,
      lti_deployment_id: spec.deploymentId ?? this.deploymentId,
      ...(spec.embeddedInText ? { amphi_auth: 'local' } : {}),
    };
  }

  /** A course page of this platform embedding any URL in an iframe (Moodle's URL resource, "Embed" display). */
  embedPageUrl(src: string): string {
    return `${this.url}/mod/url/view.php?url=${encodeURIComponent(src)}`;
  }

  /**
   * Moodle's registration start (mod/lti/startltiadvregistration.php): a registration token signed
   * with the platform's own key — scope `reg` with the client id it will issue as `sub`, or
   * `reg-update` with the tool type id as `sub` (the Update button) — appended to the tool's URL,
   * whose own query (a registration code) stays. `token` replaces the token (null: none).
   */
  async startDynamicRegistration(toolRegisterUrl: string, options: { update?: string; clientId?: string; token?: string | null } = {}): Promise<string> {
    const token =
      options.token !== undefined
        ? options.token
        : await this.signRegistrationToken(options.update ? { sub: options.update, scope: 'reg-update' } : { sub: options.clientId ?? this.clientId, scope: 'reg' });
    const url = new URL(toolRegisterUrl);
    url.searchParams.set('openid_configuration', `${this.url}/mod/lti/openid-configuration.php`);
    if (token !== null) url.searchParams.set('registration_token', token);
    return url.toString();
  }

  /** A registration token as Moodle signs it (RS256, its current key and kid, valid one hour); claims and signer may be changed. */
  async signRegistrationToken(claims: Record<string, unknown>, signer: { key: CryptoKey; kid: string } = { key: this.currentKey.privateKey, kid: this.currentKey.kid }): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ iat: now, exp: now + 3600, ...claims } as JWTPayload).setProtectedHeader({ alg: 'RS256', kid: signer.kid }).sign(signer.key);
  }

  /** Moodle's openid-configuration.php, changeable to test the tool's checks. */
  openIdConfiguration: Record<string, unknown> | undefined;

  /** What Moodle's openid-configuration.php answers for this site. */
  defaultOpenIdConfiguration(): Record<string, unknown> {
    return {
      issuer: this.url,
      token_endpoint: this.authTokenUrl,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256'],
      jwks_uri: this.jwksUrl,
      authorization_endpoint: this.authLoginUrl,
      registration_endpoint: `${this.url}/mod/lti/openid-registration.php`,
      scopes_supported: [
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem',
        'https://purl.imsglobal.org/spec/lti-ags/scope/lineitem.readonly',
        'https://purl.imsglobal.org/spec/lti-ags/scope/result.readonly',
        'https://purl.imsglobal.org/spec/lti-ags/scope/score',
        'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
        'openid',
      ],
      response_types_supported: ['id_token'],
      subject_types_supported: ['public', 'pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: ['sub', 'iss', 'name', 'given_name', 'family_name', 'email'],
      'https://purl.imsglobal.org/spec/lti-platform-configuration': {
        product_family_code: 'moodle',
        version: '4.5',
        messages_supported: ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'],
        placements: ['AddContentMenu'],
      },
    };
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url!, this.url);
    if (await this.handleServices(req, res, url)) return;
    switch (url.pathname) {
      case '/mod/lti/certs.php':
        this.jwksRequests++;
        return json(res, 200, { keys: this.keys.map((k) => k.publicJwk) });
      case '/mod/lti/auth.php':
        return this.handleAuth(url, res, 'mod_lti');
      case '/local/amphi/auth.php':
        this.localAuthRequests++;
        return this.handleAuth(url, res, 'local_amphi');
      case '/mod/lti/openid-configuration.php':
        this.openIdConfigurationRequests++;
        return json(res, 200, this.openIdConfiguration ?? this.defaultOpenIdConfiguration());
      case '/mod/lti/openid-registration.php':
        return this.handleRegistration(req, res);
      case '/course/view.php':
        return this.handleCoursePage(url, res);
      case '/mod/lti/launch.php':
        return this.handleLaunchPage(url, res);
      case '/mod/url/view.php':
        return this.handleEmbedPage(url, res);
      default:
        res.writeHead(404).end();
    }
  }

  /** Moodle's course/view.php with the activity shown embedded: the tool lives in the iframe. */
  private handleCoursePage(url: URL, res: http.ServerResponse): void {
    const hint = url.searchParams.get('launch') ?? '';
    const page = this.coursePages.get(hint);
    const spec = this.pending.get(hint)?.spec;
    if (!page || !spec) return text(res, 404, 'unknown launch');
    const course = spec.context?.title ?? 'Introduction to Statistics';
    const activity = spec.resourceLink?.title ?? 'Week 1 lecture';
    const lang = (spec.locale ?? 'en').slice(0, 2).toLowerCase();
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(
      coursePageHtml({
        lang,
        title: `${course}: ${activity}`,
        heading: course,
        body:
          `<h2>${escape(activity)}</h2>` +
          `<iframe id="contentframe" name="contentframe" title="${escape(activity)}" src="/mod/lti/launch.php?launch=${encodeURIComponent(hint)}" ` +
          `allow="microphone *; camera *; geolocation *; display-capture *; autoplay *; fullscreen *"></iframe>`,
      }),
    );
  }

  /** Moodle's mod/lti/launch.php: sends the third-party initiated login to the tool. */
  private handleLaunchPage(url: URL, res: http.ServerResponse): void {
    const page = this.coursePages.get(url.searchParams.get('launch') ?? '');
    if (!page) return text(res, 404, 'unknown launch');
    const loginUrl = `${page.toolUrl}/lti/login`;
    if (page.loginMethod === 'GET') {
      res.writeHead(302, { Location: `${loginUrl}?${new URLSearchParams(page.params)}`, 'Cache-Control': 'no-store' }).end();
      return;
    }
    const inputs = Object.entries(page.params)
      .map(([name, value]) => `<input type="hidden" name="${escape(name)}" value="${escape(value)}">`)
      .join('');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Launching</title></head><body>` +
        `<form id="ltiInitiateLoginForm" method="post" action="${escape(loginUrl)}">${inputs}</form>` +
        `<script>document.getElementById('ltiInitiateLoginForm').submit();</script></body></html>`,
    );
  }

  /** Moodle's mod/url/view.php with "Embed" display: any URL in an iframe of a course page. */
  private handleEmbedPage(url: URL, res: http.ServerResponse): void {
    const src = url.searchParams.get('url') ?? '';
    if (!/^https?:\/\//.test(src)) return text(res, 400, 'url must be http(s)');
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' }).end(
      coursePageHtml({
        lang: 'en',
        title: 'Embedded page',
        heading: 'Embedded page',
        body: `<iframe id="contentframe" name="contentframe" title="Embedded page" src="${escape(src)}"></iframe>`,
      }),
    );
  }

  /** The checks Moodle's auth.php makes on the tool's authentication request. */
  private async handleAuth(url: URL, res: http.ServerResponse, endpoint: 'mod_lti' | 'local_amphi'): Promise<void> {
    const p = Object.fromEntries(url.searchParams);
    const problems: string[] = [];
    if (p.scope !== 'openid') problems.push('scope must be openid');
    if (p.response_type !== 'id_token') problems.push('response_type must be id_token');
    if (p.response_mode !== 'form_post') problems.push('response_mode must be form_post');
    if (p.prompt !== 'none') problems.push('prompt must be none');
    if (p.client_id !== this.clientId) problems.push('unknown client_id');
    if (!p.nonce) problems.push('nonce missing');
    if (!p.state) problems.push('state missing');
    if (!p.redirect_uri || (this.redirectUris.length && !this.redirectUris.includes(p.redirect_uri))) problems.push('redirect_uri not registered');
    const pending = p.lti_message_hint ? this.pending.get(p.lti_message_hint) : undefined;
    const spec = pending?.spec;
    if (!spec) problems.push('unknown lti_message_hint');
    if (spec && p.login_hint !== (spec.sub ?? 'anonymous')) problems.push('login_hint does not match');
    if (spec && (endpoint === 'local_amphi') !== Boolean(spec.embeddedInText)) problems.push(`${endpoint} does not sign this launch`);
    if (problems.length) return json(res, 400, { error: 'invalid_request', problems });
    const idToken = await this.idTokenFor(spec!, p.nonce!, pending!.targetLinkUri);
    const formAction = escape(p.redirect_uri!);
    res.writeHead(200, { 'Content-Type': 'text/html' }).end(
      `<!doctype html><html><body onload="document.forms[0].submit()"><form method="post" action="${formAction}">` +
        `<input type="hidden" name="id_token" value="${escape(idToken)}"><input type="hidden" name="state" value="${escape(p.state!)}">` +
        `</form></body></html>`,
    );
  }

  /** The id_token Moodle would send for this launch. */
  async idTokenFor(spec: LaunchSpec, nonce: string, targetLinkUri: string): Promise<string> {
    const payload = this.claimsFor(spec, nonce, targetLinkUri);
    spec.tamper?.(payload);
    if (spec.idToken) return spec.idToken(payload);
    const signer = spec.signWith ?? { key: this.currentKey.privateKey, kid: this.currentKey.kid, alg: 'RS256' };
    return new SignJWT(payload as JWTPayload)
      .setProtectedHeader({ alg: signer.alg ?? 'RS256', typ: 'JWT', ...(signer.kid ? { kid: signer.kid } : {}) })
      .sign(signer.key);
  }

  claimsFor(spec: LaunchSpec, nonce: string, targetLinkUri: string): Record<string, unknown> {
    const now = Math.floor(Date.now() / 1000);
    const messageType = spec.messageType ?? 'LtiResourceLinkRequest';
    const lti = 'https://purl.imsglobal.org/spec/lti/claim/';
    const claims: Record<string, unknown> = {
      iss: this.issuer,
      aud: this.clientId,
      iat: now,
      exp: now + 60,
      nonce,
      ...(spec.sub === null ? {} : { sub: spec.sub ?? 'user-2' }),
      ...(spec.name ? { name: spec.name } : {}),
      ...(spec.givenName ? { given_name: spec.givenName } : {}),
      ...(spec.familyName ? { family_name: spec.familyName } : {}),
      ...(spec.email ? { email: spec.email } : {}),
      [`${lti}message_type`]: messageType,
      [`${lti}version`]: '1.3.0',
      [`${lti}deployment_id`]: spec.deploymentId ?? this.deploymentId,
      [`${lti}target_link_uri`]: targetLinkUri,
      [`${lti}roles`]: spec.roles ?? [ROLE.learner],
      [`${lti}launch_presentation`]: {
        locale: spec.locale ?? 'en',
        document_target: 'iframe',
        ...(spec.returnUrl ? { return_url: spec.returnUrl } : {}),
      },
      [`${lti}tool_platform`]: { guid: 'moodle.test', name: 'Moodle test', product_family_code: 'moodle', version: '2024100700' },
      [`${lti}custom`]: spec.custom ?? {},
    };
    if (spec.context !== null) {
      const context = spec.context ?? { id: '42', title: 'Introduction to Statistics', label: 'STAT101' };
      claims[`${lti}context`] = { ...context, type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] };
    }
    if (messageType === 'LtiResourceLinkRequest' && spec.resourceLink !== null) {
      claims[`${lti}resource_link`] = spec.resourceLink ?? { id: '17', title: 'Week 1 lecture' };
    }
    this.addServiceClaims(spec, claims);
    return claims;
  }

  /** Moodle's openid-registration.php with the checks of registration_helper.php. */
  private async handleRegistration(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (req.method !== 'POST') return json(res, 405, { error: 'method not allowed' });
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    const issued = token ? await this.validateRegistrationToken(token) : undefined;
    if (!issued) return json(res, 401, { error: 'invalid registration token' });
    if (issued.scope === 'reg' && [...this.toolTypes.values()].includes(issued.sub)) return text(res, 401, 'token_already_used');
    if (issued.scope === 'reg-update' && !this.toolTypes.has(issued.sub)) return text(res, 400, 'Unknown client');
    const body = JSON.parse(await readBody(req)) as Record<string, any>;
    this.registrations.push(body);
    const config = body['https://purl.imsglobal.org/spec/lti-tool-configuration'] ?? {};
    const required = ['response_types', 'initiate_login_uri', 'redirect_uris', 'client_name', 'jwks_uri', 'token_endpoint_auth_method'];
    for (const key of required) if (!body[key] || (Array.isArray(body[key]) && body[key].length === 0)) return text(res, 400, `missing required attribute ${key}`);
    if (!config.domain) return text(res, 400, 'missing_domain');
    const stripWww = (d: string) => d.replace(/^(?:[a-z]+:\/\/)?(?:www\.)?/i, '').replace(/\/.*$/, '');
    if (stripWww(config.domain) !== stripWww(config.target_link_uri ?? `https://${config.domain}`)) return text(res, 400, 'domain_targetlinkuri_mismatch');
    if (!body.response_types.includes('id_token')) return text(res, 400, 'invalid_response_types');
    if (!Array.isArray(body.redirect_uris)) return text(res, 400, 'invalid_redirect_uris');
    if (body.token_endpoint_auth_method !== 'private_key_jwt') return text(res, 400, 'invalid_token_endpoint_auth_method');
    if (body.application_type && body.application_type !== 'web') return text(res, 400, 'invalid_application_type');
    // A new registration makes a tool type whose id is the deployment id; an update keeps it.
    const deploymentId = issued.scope === 'reg-update' ? issued.sub : String(this.nextTypeId++);
    const clientId = issued.scope === 'reg-update' ? this.toolTypes.get(deploymentId)! : issued.sub;
    this.toolTypes.set(deploymentId, clientId);
    this.redirectUris = body.redirect_uris;
    return json(res, 200, {
      client_id: clientId,
      response_types: ['id_token'],
      jwks_uri: body.jwks_uri,
      initiate_login_uri: body.initiate_login_uri,
      grant_types: ['client_credentials', 'implicit'],
      redirect_uris: body.redirect_uris,
      application_type: 'web',
      token_endpoint_auth_method: 'private_key_jwt',
      client_name: body.client_name,
      'https://purl.imsglobal.org/spec/lti-tool-configuration': { ...config, deployment_id: deploymentId, version: '1.3.0' },
    });
  }

  /** registration_helper::validate_registration_token: signed with one of our keys, not expired, scope reg or reg-update. */
  private async validateRegistrationToken(token: string): Promise<{ scope: 'reg' | 'reg-update'; sub: string } | undefined> {
    try {
      const { payload } = await jwtVerify(token, createLocalJWKSet({ keys: this.keys.map((k) => k.publicJwk) }), { algorithms: ['RS256'] });
      if ((payload.scope !== 'reg' && payload.scope !== 'reg-update') || typeof payload.sub !== 'string') return undefined;
      return { scope: payload.scope, sub: payload.sub };
    } catch {
      return undefined;
    }
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
}

function text(res: http.ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain' }).end(body);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A plain LMS page around an iframe (no CSP: the platform is not Amphi). */
function coursePageHtml(options: { lang: string; title: string; heading: string; body: string }): string {
  return (
    `<!doctype html><html lang="${escape(options.lang)}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escape(options.title)}</title>` +
    `<style>body{margin:0;font-family:sans-serif;background:#f5f5f5;color:#1d2125}` +
    `header{background:#0f47ad;color:#fff;padding:12px 24px;font-weight:bold}main{padding:16px 24px}` +
    `h1{font-size:1.5rem;margin:0 0 8px}h2{font-size:1.1rem;margin:0 0 12px}` +
    `iframe{display:block;width:100%;height:900px;border:1px solid #dee2e6;background:#fff}</style></head>` +
    `<body><header>Moodle test</header><main><h1>${escape(options.heading)}</h1>${options.body}</main></body></html>`
  );
}
