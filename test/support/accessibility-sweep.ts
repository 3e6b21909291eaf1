/**
 * Bookkeeping of the accessibility sweep (test/browser/accessibility/): each page × state × mode ×
 * language checked with axe, the violations of every impact it found, and one report grouped by
 * rule so that whoever fixes them sees every place a rule breaks at once.
 */
import type { AccessibilityViolation } from '../browser/chromium.js';
import { formatViolationsByRule } from '../browser/chromium.js';

export type Lang = 'en' | 'fr';
export const LANGS: readonly Lang[] = ['fr', 'en'];

export interface SweepCheck {
  /** What was shown: `teacher video (ready) › tab video`. */
  page: string;
  mode: string;
  lang: Lang;
  violations: AccessibilityViolation[];
}

export class AccessibilitySweep {
  readonly checks: SweepCheck[] = [];

  private readonly started = Date.now();

  record(page: string, mode: string, lang: Lang, violations: AccessibilityViolation[]): void {
    this.checks.push({ page, mode, lang, violations });
    this.progress(`${page} [${mode}, ${lang}]: ${violations.map((v) => v.id).join(', ') || 'no violation'}`);
  }

  /** With AMPHI_A11Y_PROGRESS=1, a line on stderr per step (the test runner prints its report only at the end). */
  progress(line: string): void {
    if (process.env.AMPHI_A11Y_PROGRESS === '1') process.stderr.write(`[a11y ${((Date.now() - this.started) / 1000).toFixed(1)} s] ${line}\n`);
  }

  get failing(): SweepCheck[] {
    return this.checks.filter((c) => c.violations.length > 0);
  }

  /** Every violation, grouped by rule (id, impact, help), then one line per element: page [mode, lang]: selector. */
  report(): string {
    return formatViolationsByRule(this.failing.map((c) => ({ where: `${c.page} [${c.mode}, ${c.lang}]`, violations: c.violations })));
  }

  /** One line: how many checks, how many failed. */
  summary(): string {
    const rules = new Set(this.failing.flatMap((c) => c.violations.map((v) => v.id)));
    return `${this.checks.length} checks (page × state × mode × language), ${this.failing.length} with violations, ${rules.size} rules broken`;
  }
}
