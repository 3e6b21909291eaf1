/**
 * Every word a person reads comes from the catalogues (en and fr): this walks each component's
 * JSX with the TypeScript compiler and fails on text written in place — JSX text with a letter
 * in it, and strings with letters given to the attributes and props that are read or spoken
 * (aria-label, title, placeholder, alt, label, heading, message…). Ids, classes, test ids, keys,
 * URLs and CSS are other attributes and are not looked at.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const TOOL = path.join(ROOT, 'tool/src');

/** Attributes and props whose value people read or hear. */
const READ_ATTRIBUTES = new Set([
  'aria-label',
  'aria-description',
  'aria-roledescription',
  'aria-placeholder',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
  'heading',
  'message',
]);

/** Words that are the same in every language: the product's name. Keep this list tiny. */
const ALLOWED = new Set(['Amphi']);

const LETTER = /\p{L}/u;

function componentFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return componentFiles(full);
    return entry.name.endsWith('.tsx') ? [full] : [];
  });
}

/** The literal text of a string, a template's fixed parts, or both branches of a ternary. */
function literalTexts(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node)) return [node.head.text, ...node.templateSpans.map((span) => span.literal.text)];
  if (ts.isConditionalExpression(node)) return [...literalTexts(node.whenTrue), ...literalTexts(node.whenFalse)];
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) return [...literalTexts(node.left), ...literalTexts(node.right)];
  if (ts.isParenthesizedExpression(node)) return literalTexts(node.expression);
  return [];
}

/** Letters left once the allowed words are taken out. */
function isWording(text: string): boolean {
  const words = text.split(/[^\p{L}\p{N}_-]+/u).filter((word) => LETTER.test(word));
  return words.some((word) => !ALLOWED.has(word));
}

export function findLiterals(file: string, source = fs.readFileSync(file, 'utf8')): string[] {
  const sourceFile = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => {
    const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
    found.push(`${path.relative(ROOT, file)}:${line + 1} ${JSON.stringify(text.trim().replace(/\s+/g, ' '))}`);
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && isWording(node.text)) report(node, node.text);
    if (ts.isJsxExpression(node) && node.expression && (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))) {
      for (const text of literalTexts(node.expression)) if (isWording(text)) report(node, text);
    }
    if (ts.isJsxAttribute(node) && READ_ATTRIBUTES.has(node.name.getText(sourceFile)) && node.initializer) {
      const value = ts.isJsxExpression(node.initializer) ? node.initializer.expression : node.initializer;
      for (const text of value ? literalTexts(value) : []) if (isWording(text)) report(node, text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

describe('no user-facing literals in components', () => {
  it('finds the literals it is meant to find, and leaves the rest alone', () => {
    const sample = `
      export const A = ({ t, n }) => (
        <section class="amphi-card" id="x" data-testid="y" aria-label="Close" title={\`Hello \${n}\`}>
          Hello
          {'world'}
          {n > 1 ? 'many' : t('one')}
          <Field label="Name" heading={t('heading')} href="https://example.org" />
          <img alt="" src="/a.png" /> · Amphi {n} % →
        </section>
      );`;
    const found = findLiterals(path.join(TOOL, 'Sample.tsx'), sample).map((line) => line.replace(/^.*?:\d+ /, ''));
    assert.deepEqual(found, ['"Close"', '"Hello"', '"Hello"', '"world"', '"many"', '"Name"']);
  });

  it('has none in tool/src', () => {
    const offenders = componentFiles(TOOL).flatMap((file) => findLiterals(file));
    assert.deepEqual(offenders, [], `user-facing text written in components instead of the catalogues:\n${offenders.join('\n')}`);
  });
});
