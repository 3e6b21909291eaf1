import dns from 'node:dns';
import net, { type LookupFunction } from 'node:net';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { OutboundAllowList, isReachableAddress } from './outbound-address.js';
import { cappedResponse } from './outbound-body.js';
import { OutboundError, classifyNetworkError, concealInternalNames } from './outbound-errors.js';

export { NOT_REACHABLE_MESSAGE, OutboundError, describeOutboundFailure, type OutboundFailureReason } from './outbound-errors.js';

/**
 * The one HTTP client for every request Amphi makes to a URL it did not configure itself
 * (DESIGN.md, "Trust boundaries"). `web` URLs came through the web (a caller, a platform, a
 * platform administrator): the address actually connected to, after DNS, must not be loopback,
 * private, link-local, reserved or a metadata service unless OUTBOUND_ALLOW lists it. `operator`
 * URLs were set in the environment or with the CLI and may be private. Both are bounded in time
 * and size, refuse redirects unless asked, and fail with an OutboundError whose message is a short
 * classification, never what the remote answered.
 */
export type OutboundTrust = 'web' | 'operator';

export interface OutboundRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'HEAD';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** web: the URL came through the web (a caller, a platform, a platform admin) → address rules apply. operator: set in env/CLI → not refused for being private. */
  trust: OutboundTrust;
  /** The whole exchange, redirects and body included. Default 10 000. */
  timeoutMs?: number;
  /** Cap on the response body as it is read (text(), json(), bytes(), the stream). Default 1 MiB. */
  maxBytes?: number;
  /** Default 'refuse'; 'follow' re-checks each hop (max 3), never downgrades https→http. */
  redirects?: 'refuse' | 'follow';
  signal?: AbortSignal;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);

export class OutboundHttp {
  private readonly allow: OutboundAllowList;
  private readonly lookup: LookupFunction;
  private readonly webAgent: Agent;
  private readonly operatorAgent: Agent;

  constructor(options: { allow: readonly string[]; lookup?: LookupFunction }) {
    this.allow = new OutboundAllowList(options.allow);
    this.lookup = options.lookup ?? (dns.lookup as LookupFunction);
    this.webAgent = new Agent({ connect: this.checkedConnect() });
    this.operatorAgent = new Agent({ connect: { lookup: this.lookup } });
  }

  async fetch(input: string | URL, request: OutboundRequest): Promise<Response> {
    const timeout = AbortSignal.timeout(request.timeoutMs ?? 10_000);
    const signals = { timeout, caller: request.signal };
    const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
    let url = httpUrl(input);
    let method: string = request.method ?? 'GET';
    let body = request.body;
    let headers = { ...request.headers };
    const dispatcher = request.trust === 'web' ? this.webAgent : this.operatorAgent;
    for (let hop = 0; ; hop++) {
      let answer: Awaited<ReturnType<typeof undiciFetch>>;
      try {
        answer = await undiciFetch(url, { method, headers, body, redirect: 'manual', signal, dispatcher });
      } catch (err) {
        throw concealInternalNames(classifyNetworkError(err, signals), request.trust);
      }
      const location = REDIRECT_STATUSES.has(answer.status) ? answer.headers.get('location') : null;
      if (location === null) {
        return cappedResponse(answer, { maxBytes: request.maxBytes ?? 1024 * 1024, url, redirected: hop > 0, signals });
      }
      await answer.body?.cancel().catch(() => {});
      if ((request.redirects ?? 'refuse') === 'refuse') {
        throw new OutboundError('redirect-refused', `answered with a redirect (HTTP ${answer.status}), which is not followed`);
      }
      if (hop >= MAX_REDIRECTS) throw new OutboundError('redirect-refused', `more than ${MAX_REDIRECTS} redirects`);
      const next = redirectTarget(location, url);
      if (next.origin !== url.origin) headers = withoutCredentials(headers);
      if (answer.status === 303 ? method !== 'HEAD' : (answer.status === 301 || answer.status === 302) && method === 'POST') {
        method = 'GET';
        body = undefined;
        headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !/^content-/i.test(k)));
      }
      url = next;
    }
  }

  /** Closes the pooled connections (at shutdown). */
  async close(): Promise<void> {
    await Promise.all([this.webAgent.close(), this.operatorAgent.close()]);
  }

  /**
   * Connects only to reachable addresses: the check runs in the socket's own DNS lookup, on the
   * address it then connects to (no second resolution to rebind), and up front for IP literals,
   * which net.connect does not look up.
   */
  private checkedConnect(): buildConnector.connector {
    const connectors = new Map<number, buildConnector.connector>();
    return (options, callback) => {
      const port = Number(options.port) || (options.protocol === 'https:' ? 443 : 80);
      if (net.isIP(options.hostname) && !isReachableAddress(options.hostname, port, this.allow)) {
        callback(new OutboundError('address-refused'), null);
        return;
      }
      let connector = connectors.get(port);
      if (!connector) {
        connector = buildConnector({ lookup: this.checkedLookup(port) });
        connectors.set(port, connector);
      }
      connector(options, callback);
    };
  }

  private checkedLookup(port: number): LookupFunction {
    return (hostname, options, callback) => {
      this.lookup(hostname, options, (err, address, family) => {
        if (err) return callback(err, address, family);
        if (Array.isArray(address)) {
          const reachable = address.filter((a) => isReachableAddress(a.address, port, this.allow));
          if (reachable.length === 0) return callback(new OutboundError('address-refused'), []);
          return callback(null, reachable);
        }
        if (!isReachableAddress(address, port, this.allow)) return callback(new OutboundError('address-refused'), '', family);
        callback(null, address, family);
      });
    };
  }
}

function httpUrl(input: string | URL): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new OutboundError('bad-url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new OutboundError('bad-url');
  if (url.username || url.password) throw new OutboundError('bad-url', 'a URL with credentials in it is not used');
  return url;
}

function redirectTarget(location: string, from: URL): URL {
  let next: URL;
  try {
    next = new URL(location, from);
  } catch {
    throw new OutboundError('redirect-refused', 'redirected to an invalid URL');
  }
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new OutboundError('redirect-refused', 'redirected to a URL that is not http or https');
  if (from.protocol === 'https:' && next.protocol === 'http:') throw new OutboundError('redirect-refused', 'redirected from https to http');
  if (next.username || next.password) throw new OutboundError('redirect-refused', 'redirected to a URL with credentials in it');
  return next;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.has(k.toLowerCase())));
}
