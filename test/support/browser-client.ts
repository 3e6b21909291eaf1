/**
 * A browser-like HTTP client for driving LTI flows without a real browser: it keeps cookies per
 * host (honouring Path, Max-Age=0 and expiry), follows nothing by itself, and can be told to
 * refuse cookies (a browser blocking third-party cookies in the LMS iframe).
 */
interface StoredCookie {
  name: string;
  value: string;
  host: string;
  path: string;
  expiresAt: number | undefined;
}

export class BrowserClient {
  private cookies: StoredCookie[] = [];

  constructor(private readonly options: { blockCookies?: boolean; acceptLanguage?: string } = {}) {}

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookieHeader = this.cookieHeaderFor(target);
    if (cookieHeader) headers.set('Cookie', cookieHeader);
    if (this.options.acceptLanguage && !headers.has('Accept-Language')) headers.set('Accept-Language', this.options.acceptLanguage);
    if (!headers.has('Accept')) headers.set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    if (!this.options.blockCookies) for (const c of response.headers.getSetCookie()) this.store(target, c);
    return response;
  }

  get(url: string, init: RequestInit = {}): Promise<Response> {
    return this.request(url, { ...init, method: 'GET' });
  }

  postForm(url: string, fields: Record<string, string>, init: RequestInit = {}): Promise<Response> {
    return this.request(url, {
      ...init,
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...(init.headers as Record<string, string>) },
      body: new URLSearchParams(fields).toString(),
    });
  }

  cookieNames(url: string): string[] {
    return this.matching(new URL(url)).map((c) => c.name);
  }

  private cookieHeaderFor(url: URL): string {
    return this.matching(url)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  private matching(url: URL): StoredCookie[] {
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expiresAt === undefined || c.expiresAt > now);
    return this.cookies.filter((c) => c.host === url.host && url.pathname.startsWith(c.path));
  }

  private store(url: URL, header: string): void {
    const [pair, ...attributes] = header.split(';').map((p) => p.trim());
    const eq = pair!.indexOf('=');
    const name = pair!.slice(0, eq);
    const value = pair!.slice(eq + 1);
    let path = '/';
    let expiresAt: number | undefined;
    for (const attribute of attributes) {
      const [key, val] = attribute.split('=');
      if (key!.toLowerCase() === 'path' && val) path = val;
      if (key!.toLowerCase() === 'max-age' && val !== undefined) expiresAt = Date.now() + Number(val) * 1000;
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.host === url.host && c.path === path));
    if (expiresAt === undefined || expiresAt > Date.now()) this.cookies.push({ name, value, host: url.host, path, expiresAt });
  }
}

/** Reads the fields and action of the first form in an HTML page (the platform's auto-post). */
export function parseForm(html: string): { action: string; fields: Record<string, string> } {
  const form = /<form[^>]*action="([^"]+)"[^>]*>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) throw new Error(`No form in page: ${html.slice(0, 200)}`);
  const fields: Record<string, string> = {};
  for (const m of form[2]!.matchAll(/<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"/gi)) fields[m[1]!] = decodeEntities(m[2]!);
  return { action: decodeEntities(form[1]!), fields };
}

function decodeEntities(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The bootstrap JSON Amphi injects into its app page. */
export function readBootstrap<T = { token: string; tokenExpiresAt: string; session: Record<string, any> }>(html: string): T {
  const m = /<script type="application\/json" id="amphi-bootstrap">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error(`No bootstrap in page: ${html.slice(0, 300)}`);
  return JSON.parse(m[1]!) as T;
}
