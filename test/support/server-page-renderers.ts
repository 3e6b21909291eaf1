/**
 * Finds, in the server's source, every function that answers a person with an HTML page, so that
 * the accessibility sweep (test/browser/accessibility/server-pages.test.ts) fails when a page is
 * added without being visited. Read from the source text on purpose: a page reachable only in
 * some configuration (the demo, a failed launch) is still found.
 *
 * A renderer is named `<file>#<function>` (file relative to the repository root), where the
 * function is the nearest enclosing `function name(`. It is found two ways:
 * - it calls a layout: a function whose body writes `<!doctype html>` (src/http/html.ts#page, the
 *   demo platform's layout), imported from its file or in the same file;
 * - it sends with `.type('html')` (an HTML answer built any other way, such as the tool's page).
 */
import fs from 'node:fs';
import path from 'node:path';

export const REPOSITORY_ROOT = path.resolve(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The name of the last `function name(` declared before `index` (the enclosing one, in this code base's style). */
function enclosingFunction(text: string, index: number): string {
  const declarations = [...text.slice(0, index).matchAll(/\bfunction\s+([A-Za-z_$][\w$]*)\s*[(<]/g)];
  return declarations.at(-1)?.[1] ?? '(module)';
}

interface Layout {
  file: string;
  name: string;
  exported: boolean;
}

function findLayouts(files: Map<string, string>): Layout[] {
  const layouts: Layout[] = [];
  for (const [file, text] of files) {
    for (const match of text.matchAll(/<!doctype html>/gi)) {
      const name = enclosingFunction(text, match.index);
      if (layouts.some((l) => l.file === file && l.name === name)) continue;
      layouts.push({ file, name, exported: new RegExp(`export\\s+function\\s+${name}\\b`).test(text) });
    }
  }
  return layouts;
}

/** Whether `text` (the source of `file`) imports `layout.name` from the layout's module. */
function importsLayout(file: string, text: string, layout: Layout): boolean {
  for (const match of text.matchAll(/import\s*\{([^}]*)\}\s*from\s*'([^']+)'/g)) {
    const names = match[1]!.split(',').map((n) => n.trim().replace(/^type\s+/, ''));
    if (!names.includes(layout.name)) continue;
    const target = path.resolve(path.dirname(file), match[2]!).replace(/\.js$/, '.ts');
    if (target === layout.file) return true;
  }
  return false;
}

/** Every HTML page renderer under `src/`, as sorted `<relative file>#<function>` ids. */
export function findServerPageRenderers(srcDir = path.join(REPOSITORY_ROOT, 'src')): string[] {
  const files = new Map(sourceFiles(srcDir).map((file) => [file, fs.readFileSync(file, 'utf8')]));
  const layouts = findLayouts(files);
  const found = new Set<string>();
  const id = (file: string, name: string) => `${path.relative(REPOSITORY_ROOT, file)}#${name}`;
  for (const [file, text] of files) {
    for (const layout of layouts) {
      if (file !== layout.file && !(layout.exported && importsLayout(file, text, layout))) continue;
      for (const call of text.matchAll(new RegExp(`(?<![\\w$.])${layout.name}\\(`, 'g'))) {
        // The declaration itself is no call.
        if (/function\s+$/.test(text.slice(Math.max(0, call.index - 20), call.index))) continue;
        found.add(id(file, enclosingFunction(text, call.index)));
      }
    }
    for (const send of text.matchAll(/\.type\(\s*['"](?:html|text\/html)['"]\s*\)/g)) found.add(id(file, enclosingFunction(text, send.index)));
  }
  if (layouts.length === 0) throw new Error(`no page layout (a function writing <!doctype html>) found under ${srcDir}: the scan is out of date`);
  return [...found].sort();
}
