/**
 * The HTTP Link header (RFC 8288 §3), as NRPS and AGS pages use it for paging (NRPS 2.0 §2.4.1: "next",
 * "differences"). Several links in one header (or in several headers joined by ", "), quoted or
 * bare parameter values, commas inside URIs and quoted strings, and several relation types in one
 * rel ("next last") are all legal, so a split on "," or a regular expression over the whole
 * header is not enough.
 */
export interface WebLink {
  /** Resolved against the URL of the response that carried it (RFC 8288 §3.1). */
  href: string;
  /** Relation types, lower-cased (they are case-insensitive, §3.3). */
  rel: string[];
  params: Record<string, string>;
}

export function parseLinkHeader(header: string | null | undefined, baseUrl: string): WebLink[] {
  const links: WebLink[] = [];
  if (!header) return links;
  const text: string = header;
  let i = 0;
  const n = text.length;
  const skip = (chars: RegExp) => {
    while (i < n && chars.test(text[i]!)) i++;
  };
  while (i < n) {
    skip(/[\s,]/);
    if (text[i] !== '<') {
      // Not a link-value: skip to the next comma outside quotes and go on with the rest.
      skipPastValue();
      continue;
    }
    const end = text.indexOf('>', i + 1);
    if (end < 0) break;
    const target = text.slice(i + 1, end).trim();
    i = end + 1;
    const params: Record<string, string> = {};
    for (;;) {
      skip(/\s/);
      if (text[i] !== ';') break;
      i++;
      skip(/\s/);
      const nameStart = i;
      while (i < n && !/[\s=;,]/.test(text[i]!)) i++;
      const name = text.slice(nameStart, i).toLowerCase();
      skip(/\s/);
      let value = '';
      if (text[i] === '=') {
        i++;
        skip(/\s/);
        value = text[i] === '"' ? readQuoted() : readToken();
      }
      // §3.3: only the first occurrence of rel counts.
      if (name && !(name in params)) params[name] = value;
    }
    const href = resolve(target, baseUrl);
    if (href !== undefined) {
      const rel = (params.rel ?? '').split(/\s+/).filter(Boolean).map((r) => r.toLowerCase());
      links.push({ href, rel, params });
    }
  }
  return links;

  function readQuoted(): string {
    let value = '';
    i++; // opening quote
    while (i < n && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < n) i++;
      value += text[i];
      i++;
    }
    i++; // closing quote
    return value;
  }

  function readToken(): string {
    const start = i;
    while (i < n && !/[\s;,]/.test(text[i]!)) i++;
    return text.slice(start, i);
  }

  function skipPastValue(): void {
    while (i < n && text[i] !== ',') {
      if (text[i] === '"') readQuoted();
      else i++;
    }
  }
}

/** The target of the first link with relation type `rel`, or undefined. */
export function findLink(links: readonly WebLink[], rel: string): string | undefined {
  return links.find((l) => l.rel.includes(rel.toLowerCase()))?.href;
}

function resolve(target: string, baseUrl: string): string | undefined {
  try {
    return new URL(target, baseUrl).toString();
  } catch {
    return undefined;
  }
}
