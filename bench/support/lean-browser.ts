import http from 'node:http';
import { BrowserClient } from '../../test/support/browser-client.js';

/**
 * The same browser as test/support/browser-client.ts (cookies per host and path, Max-Age,
 * no redirects followed) over node:http with a keep-alive Agent instead of fetch. On this machine
 * fetch costs about 0.25 ms more CPU per request than node:http, and the bench shares the cores
 * with the server, so the lean client leaves the server more room (`--client http`, the default).
 * It answers with the part of the Response interface TestPlatform and the bench use.
 */
interface Cookie {
  value: string;
  host: string;
  path: string;
  expiresAt: number | undefined;
}

export class LeanBrowser extends BrowserClient {
  private readonly jar = new Map<string, Cookie>();

  constructor(private readonly agent: http.Agent) {
    super({ acceptLanguage: 'en' });
  }

  override request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers: Record<string, string> = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-language': 'en' };
    for (const [k, v] of Object.entries((init.headers as Record<string, string> | undefined) ?? {})) headers[k.toLowerCase()] = v;
    const cookie = this.cookieHeaderOf(target);
    if (cookie) headers.cookie = cookie;
    const body = typeof init.body === 'string' ? init.body : undefined;
    if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: target.hostname, port: target.port, path: target.pathname + target.search, method: init.method ?? 'GET', headers, agent: this.agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () => {
            const setCookies = res.headers['set-cookie'] ?? [];
            for (const c of setCookies) this.keepCookie(target, c);
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: res.statusCode!,
              headers: {
                get: (name: string) => {
                  const v = res.headers[name.toLowerCase()];
                  return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
                },
                getSetCookie: () => setCookies,
              },
              text: async () => text,
            } as unknown as Response);
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  private cookieHeaderOf(url: URL): string {
    const now = Date.now();
    const parts: string[] = [];
    for (const [name, c] of this.jar) {
      if (c.expiresAt !== undefined && c.expiresAt <= now) this.jar.delete(name);
      else if (c.host === url.host && url.pathname.startsWith(c.path)) parts.push(`${name.slice(name.indexOf(' ') + 1)}=${c.value}`);
    }
    return parts.join('; ');
  }

  private keepCookie(url: URL, header: string): void {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    let path = '/';
    let expiresAt: number | undefined;
    for (const attribute of attributes) {
      const [key, val] = attribute.split('=');
      if (key!.toLowerCase() === 'path' && val) path = val;
      if (key!.toLowerCase() === 'max-age' && val !== undefined) expiresAt = Date.now() + Number(val) * 1000;
    }
    // One cookie per (host, path, name), as browsers keep them.
    const key = `${url.host}${path} ${name}`;
    if (expiresAt !== undefined && expiresAt <= Date.now()) this.jar.delete(key);
    else this.jar.set(key, { value: pair!.slice(eq + 1), host: url.host, path, expiresAt });
  }
}
