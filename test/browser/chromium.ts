/**
 * Browser tests drive Debian's Chromium (`apt-get install chromium`) through playwright-core:
 * playwright's own browser builds cannot be downloaded here. Set CHROMIUM_PATH to use another
 * binary.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type LaunchOptions, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** True when the Chromium binary exists and is executable (tests skip themselves otherwise). */
export function isChromiumAvailable(): boolean {
  try {
    fs.accessSync(CHROMIUM_PATH, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    headless: true,
    ...options,
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}

export interface AccessibilityViolation {
  /** axe rule id, e.g. `color-contrast`. */
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  /** How many elements break the rule. */
  nodes: number;
  /** CSS selectors of those elements (to read in a failure message). */
  targets: string[];
}

let axeSource: string | undefined;

function readAxeSource(): string {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

export interface AccessibilityOptions {
  /** CSS selectors left out of the check. */
  exclude?: string[];
  /**
   * Whether axe also reaches into iframes (default true). A page framing another document that is
   * checked on its own (a course page around Amphi) passes false: axe is not loaded in the child,
   * and would wait for it.
   */
  iframes?: boolean;
  /** Only these axe rules (ids); default every rule axe enables by default. */
  rules?: string[];
}

/**
 * Runs axe-core on the page and returns its violations, of every impact (minor included): callers
 * filter if they must. An empty list means none found.
 *
 * How axe gets in: our pages' CSP (`script-src 'self'`) forbids inline scripts, so
 * `page.addScriptTag({ content })` would be blocked. We evaluate axe's source with
 * `page.evaluate(source)` instead: that goes through the DevTools protocol, which the page's CSP
 * does not govern, so the page under test keeps its real CSP (no `bypassCSP` context needed, and
 * a CSP violation by our own code still shows up in the test).
 */
export async function checkAccessibility(page: Page, options: AccessibilityOptions = {}): Promise<AccessibilityViolation[]> {
  const loaded = await page.evaluate('typeof window.axe === "object"');
  if (!loaded) await page.evaluate(readAxeSource());
  const violations = await page.evaluate(async ({ exclude, iframes, rules }: { exclude: string[]; iframes: boolean; rules: string[] | null }) => {
    type AxeResult = {
      violations: { id: string; impact: AccessibilityViolation['impact']; help: string; nodes: { target: unknown[] }[] }[];
    };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<AxeResult> } }).axe;
    const context = exclude.length ? { include: [document], exclude: exclude.map((selector) => [selector]) } : document;
    const result = await axe.run(context, { resultTypes: ['violations'], iframes, ...(rules ? { runOnly: { type: 'rule', values: rules } } : {}) });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.map((n) => n.target.map(String).join(' ')),
    }));
  }, { exclude: options.exclude ?? [], iframes: options.iframes ?? true, rules: options.rules ?? null });
  return violations;
}

/** One line per violation, for an assertion message. */
export function formatViolations(violations: AccessibilityViolation[]): string {
  return violations.map((v) => `${v.impact ?? 'unknown'} ${v.id} (${v.nodes}): ${v.help} — ${v.targets.join(', ')}`).join('\n');
}

/** The user preferences a page can read from CSS media queries (prefers-*), as the OS sets them. */
export interface MediaPreferences {
  colorScheme?: 'light' | 'dark';
  contrast?: 'no-preference' | 'more';
  reducedMotion?: 'no-preference' | 'reduce';
  forcedColors?: 'none' | 'active';
}

/**
 * Emulates the OS preferences in an open page, without reloading it: `matchMedia` listeners fire
 * and stylesheets switch, as when a person changes the setting while the page is shown. Applies to
 * every frame of the page (an iframe's document follows its page's emulation).
 */
export async function emulatePreferences(page: Page, preferences: MediaPreferences): Promise<void> {
  await page.emulateMedia({
    colorScheme: preferences.colorScheme ?? 'light',
    contrast: preferences.contrast ?? 'no-preference',
    reducedMotion: preferences.reducedMotion ?? 'no-preference',
    forcedColors: preferences.forcedColors ?? 'none',
  });
}

/** Violations of every impact, grouped by rule, one line per element: for a failure message or a report. */
export function formatViolationsByRule(found: { where: string; violations: AccessibilityViolation[] }[]): string {
  const byRule = new Map<string, { impact: string; help: string; lines: string[] }>();
  for (const { where, violations } of found) {
    for (const v of violations) {
      const entry = byRule.get(v.id) ?? { impact: v.impact ?? 'unknown', help: v.help, lines: [] };
      for (const target of v.targets) entry.lines.push(`    ${where}: ${target}`);
      byRule.set(v.id, entry);
    }
  }
  return [...byRule.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, { impact, help, lines }]) => `${id} (${impact}, ${lines.length}): ${help}\n${lines.join('\n')}`)
    .join('\n');
}
