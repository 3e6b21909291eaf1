import type { Locale } from './messages.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Tagged template that escapes every interpolation except `raw()` values. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): RawHtml {
  let out = strings[0]!;
  values.forEach((value, i) => {
    out += renderValue(value) + strings[i + 1]!;
  });
  return new RawHtml(out);
}

export class RawHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function raw(value: string): RawHtml {
  return new RawHtml(value);
}

function renderValue(value: unknown): string {
  if (value instanceof RawHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/**
 * A small self-contained page for server-rendered screens (errors, registration, cookie help).
 * Styles are inline-free (CSP) and come from /static/page.css.
 */
export function page(options: { locale: Locale; title: string; body: RawHtml; scriptSrc?: string }): string {
  return `<!doctype html>${html`<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · Amphi</title>
<link rel="stylesheet" href="/static/page.css">
${options.scriptSrc ? html`<script type="module" src="${options.scriptSrc}"></script>` : ''}
</head>
<body>
<main class="amphi-page">
${options.body}
</main>
</body>
</html>`}`;
}
