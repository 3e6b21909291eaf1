/**
 * WCAG AA contrast of the stylesheet's colour tokens, in every display mode: the tokens are
 * read from theme.css and analytics.css as the browser would cascade them for that mode's
 * <html data-theme data-contrast data-font>, then every text/background pair Amphi uses is
 * measured: 4.5:1 for text, 3:1 for control borders, focus rings and chart series (WCAG 1.4.3,
 * 1.4.11). Pairs are listed below and also found in every stylesheet rule that sets both a
 * token colour and a token background.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';

const STYLES = path.resolve(import.meta.dirname, '../../../tool/src/styles');
const TOKEN_FILES = ['theme.css', 'analytics.css'];

type Mode = Record<'theme' | 'contrast' | 'font', string>;
const MODES: Record<string, Mode> = {
  light: { theme: 'light', contrast: 'normal', font: '' },
  dark: { theme: 'dark', contrast: 'normal', font: '' },
  'high contrast (light)': { theme: 'light', contrast: 'more', font: '' },
  'high contrast (dark)': { theme: 'dark', contrast: 'more', font: '' },
  'dyslexia (light)': { theme: 'light', contrast: 'normal', font: 'dyslexia' },
  'dyslexia (dark)': { theme: 'dark', contrast: 'normal', font: 'dyslexia' },
  'dyslexia, high contrast (light)': { theme: 'light', contrast: 'more', font: 'dyslexia' },
};

const TEXT = 4.5;
const NON_TEXT = 3;
const SURFACES = ['bg', 'surface', 'surface-2'];

/** [foreground, background, minimum ratio]: what the stylesheets put on what. */
const PAIRS: [string, string, number][] = [
  ...SURFACES.flatMap((bg) => [
    ['text', bg, TEXT],
    ['muted', bg, TEXT],
    ['accent', bg, TEXT],
    ['accent-hover', bg, TEXT],
    ['danger-fg', bg, TEXT],
    ['pending-fg', bg, TEXT],
    ['success-fg', bg, TEXT],
    ['info-fg', bg, TEXT],
    ['control-border', bg, NON_TEXT],
    ['focus', bg, NON_TEXT],
  ] as [string, string, number][]),
  ['on-accent', 'accent', TEXT],
  ['on-accent', 'accent-hover', TEXT],
  ['accent', 'info-bg', TEXT],
  ['text', 'info-bg', TEXT],
  ['muted', 'info-bg', TEXT],
  ['info-fg', 'info-bg', TEXT],
  ['text', 'pending-bg', TEXT],
  ['pending-fg', 'pending-bg', TEXT],
  ['text', 'success-bg', TEXT],
  ['success-fg', 'success-bg', TEXT],
  ['text', 'danger-bg', TEXT],
  ['muted', 'danger-bg', TEXT],
  ['danger-fg', 'danger-bg', TEXT],
  ['accent', 'danger-bg', TEXT],
  ['chart-1', 'surface', NON_TEXT],
  ['chart-2', 'surface', NON_TEXT],
  ['chart-3', 'surface', NON_TEXT],
];

interface Rule {
  selector: string;
  declarations: Map<string, string>;
  order: number;
}

function parseRules(css: string): Rule[] {
  const rules: Rule[] = [];
  const clean = css.replace(/\/\*[\s\S]*?\*\//g, '');
  // Innermost blocks only: a rule inside @media keeps its own selector.
  for (const match of clean.matchAll(/([^{}]*)\{([^{}]*)\}/g)) {
    const declarations = new Map<string, string>();
    for (const line of match[2]!.split(';')) {
      const colon = line.indexOf(':');
      if (colon > 0) declarations.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    rules.push({ selector: match[1]!.trim(), declarations, order: rules.length });
  }
  return rules;
}

/** Whether a `:root[data-x='y']:not([data-z='w'])` selector matches the mode, and its weight. */
function matchRoot(selector: string, mode: Mode): { matches: boolean; specificity: number } {
  if (!selector.startsWith(':root')) return { matches: false, specificity: 0 };
  let matches = true;
  let specificity = 0;
  for (const [, not, name, value] of selector.matchAll(/(:not\()?\[data-(\w+)='([^']*)'\]/g)) {
    specificity += 1;
    const equal = mode[name as keyof Mode] === value;
    if (not ? equal : !equal) matches = false;
  }
  return { matches, specificity };
}

function tokensFor(mode: Mode): Map<string, string> {
  const rules = TOKEN_FILES.flatMap((file, index) =>
    parseRules(fs.readFileSync(path.join(STYLES, file), 'utf8')).map((rule) => ({ ...rule, order: index * 10_000 + rule.order })),
  );
  const matching = rules
    .map((rule) => ({ rule, ...matchRoot(rule.selector, mode) }))
    .filter((r) => r.matches)
    .sort((a, b) => a.specificity - b.specificity || a.rule.order - b.rule.order);
  const tokens = new Map<string, string>();
  for (const { rule } of matching) for (const [name, value] of rule.declarations) if (name.startsWith('--')) tokens.set(name.slice(2), value);
  return tokens;
}

function channels(colour: string): [number, number, number] {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour)?.[1];
  assert.ok(hex, `${colour} is not a #rgb or #rrggbb colour`);
  const full = hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex;
  return [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function luminance(colour: string): number {
  const [r, g, b] = channels(colour).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** `color: var(--x)` with `background: var(--y)` in the same rule, in every stylesheet. */
function pairsFromStylesheets(): { pair: [string, string]; where: string }[] {
  const found: { pair: [string, string]; where: string }[] = [];
  for (const file of fs.readdirSync(STYLES).filter((f) => f.endsWith('.css'))) {
    for (const rule of parseRules(fs.readFileSync(path.join(STYLES, file), 'utf8'))) {
      const fg = /^var\(--([\w-]+)\)$/.exec(rule.declarations.get('color') ?? '')?.[1];
      const bg = /^var\(--([\w-]+)\)$/.exec(rule.declarations.get('background') ?? rule.declarations.get('background-color') ?? '')?.[1];
      if (fg && bg) found.push({ pair: [fg, bg], where: `${file} ${rule.selector.replace(/\s+/g, ' ')}` });
    }
  }
  return found;
}

describe('colour tokens meet WCAG AA in every display mode', () => {
  it('computes ratios the way WCAG defines them', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#777', '#777'), 1);
    assert.ok(Math.abs(contrastRatio('#767676', '#ffffff') - 4.54) < 0.01);
  });

  for (const [name, mode] of Object.entries(MODES)) {
    it(name, () => {
      const tokens = tokensFor(mode);
      const failures: string[] = [];
      const check = (fg: string, bg: string, minimum: number, where: string) => {
        const a = tokens.get(fg);
        const b = tokens.get(bg);
        if (!a || !b) return failures.push(`${where}: --${!a ? fg : bg} is not defined`);
        const ratio = contrastRatio(a, b);
        if (ratio < minimum) failures.push(`${where}: --${fg} ${a} on --${bg} ${b} is ${ratio.toFixed(2)}:1, below ${minimum}:1`);
      };
      for (const [fg, bg, minimum] of PAIRS) check(fg, bg, minimum, 'listed pair');
      for (const { pair, where } of pairsFromStylesheets()) {
        // Tokens the theme does not define (the player's own dark palette) are checked where they live.
        if (tokens.has(pair[0]) && tokens.has(pair[1])) check(pair[0], pair[1], TEXT, where);
      }
      assert.deepEqual(failures, []);
    });
  }

  it('gives high contrast more contrast than the ordinary modes', () => {
    for (const theme of ['light', 'dark']) {
      const normal = tokensFor({ theme, contrast: 'normal', font: '' });
      const more = tokensFor({ theme, contrast: 'more', font: '' });
      for (const [fg, bg] of [['text', 'surface'], ['muted', 'surface'], ['accent', 'surface'], ['control-border', 'surface']] as const) {
        assert.ok(
          contrastRatio(more.get(fg)!, more.get(bg)!) > contrastRatio(normal.get(fg)!, normal.get(bg)!),
          `${theme}: --${fg} on --${bg} is not stronger in high contrast`,
        );
      }
    }
  });
});
