import fs from 'node:fs';
import path from 'node:path';

/**
 * The built front end (tool/ → public/app/index.html) with the launch's bootstrap JSON injected.
 * A `type="application/json"` script is data, not code, so the CSP keeps forbidding inline scripts.
 */
export class AppPage {
  private template: string | undefined;

  constructor(private readonly publicDir: string) {}

  render(bootstrap: unknown, locale: string): string {
    const json = JSON.stringify(bootstrap).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
    return this.load()
      .replace('<html lang="en">', `<html lang="${locale === 'fr' ? 'fr' : 'en'}">`)
      .replace('</head>', `<script type="application/json" id="amphi-bootstrap">${json}</script>\n</head>`);
  }

  private load(): string {
    if (this.template === undefined) {
      const file = path.join(this.publicDir, 'app', 'index.html');
      if (!fs.existsSync(file)) throw new Error(`The front end is not built (${file} is missing): run npm run build`);
      this.template = fs.readFileSync(file, 'utf8');
    }
    return this.template;
  }
}
