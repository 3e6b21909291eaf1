/// <reference lib="es2024.string" />
import { XapiError } from '../../xapi/xapi-error.js';

/**
 * What PostgreSQL can store, checked once on the parsed JSON before validation. `text` and
 * `jsonb` refuse U+0000 and unpaired UTF-16 surrogates (JSON allows both as `\u0000`,
 * `\ud800`), so they would fail the insert with a 500; xAPI gives them no meaning either.
 * Nesting is bounded so that no later recursive step (validation, comparison, serialising)
 * can overflow the stack; the walk itself never goes deeper than the bound.
 */
export const MAX_JSON_DEPTH = 64;

/** Why the database cannot hold `s`, or undefined when it can. Both checks are native scans. */
export function unstorableTextProblem(s: string): string | undefined {
  if (s.includes('\0')) return 'contains a NUL character (\\u0000), which the LRS cannot store';
  if (!s.isWellFormed()) return 'contains an unpaired UTF-16 surrogate, which is not valid Unicode';
  return undefined;
}

/**
 * Throws 400 naming the path (`statements[1].result.response`) of the first string or property
 * name the database cannot hold, or of the first container nested past MAX_JSON_DEPTH.
 * `root` names the value itself; an array root names its entries `root[i]`. `depth` is the
 * value's own depth in the document (2 for an element of the top-level array).
 */
export function requireStorableJson(value: unknown, root: string, depth = 1): void {
  const problem = findProblem(value, depth);
  if (problem) throw new XapiError(400, `${root}${problem.segments.reverse().join('')}: ${problem.reason}`);
}

/** The path is built only on failure, from the innermost segment outwards. */
interface Problem {
  segments: string[];
  reason: string;
}

function findProblem(value: unknown, depth: number): Problem | undefined {
  if (typeof value === 'string') {
    const reason = unstorableTextProblem(value);
    return reason ? { segments: [], reason } : undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  if (depth > MAX_JSON_DEPTH) return { segments: [], reason: `nested more than ${MAX_JSON_DEPTH} levels` };
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const problem = findProblem(value[i], depth + 1);
      if (problem) return within(problem, `[${i}]`);
    }
    return undefined;
  }
  const obj = value as Record<string, unknown>;
  for (const key in obj) {
    const reason = unstorableTextProblem(key);
    // JSON.stringify escapes NUL and lone surrogates, so the message shows the name safely.
    if (reason) return { segments: [], reason: `the property name ${JSON.stringify(key)} ${reason}` };
    const problem = findProblem(obj[key], depth + 1);
    if (problem) return within(problem, `.${key}`);
  }
  return undefined;
}

function within(problem: Problem, segment: string): Problem {
  problem.segments.push(segment);
  return problem;
}
