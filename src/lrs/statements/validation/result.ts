import type { Result } from '../../xapi/xapi.types.js';
import { requireDuration } from './iso8601.js';
import {
  fail, present, rejectUnknownKeys, requireBoolean, requireNumber, requireObject, requireString,
  show, validateExtensions,
} from './primitives.js';

const RESULT_KEYS = new Set(['score', 'success', 'completion', 'response', 'duration', 'extensions']);
const SCORE_KEYS = new Set(['scaled', 'raw', 'min', 'max']);

/** Data 2.4.5: the Result object. */
export function validateResult(value: unknown, path: string): Result {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, RESULT_KEYS, path);
  if (present(obj, 'score', path)) validateScore(obj.score, `${path}.score`);
  if (present(obj, 'success', path)) requireBoolean(obj.success, `${path}.success`);
  if (present(obj, 'completion', path)) requireBoolean(obj.completion, `${path}.completion`);
  if (present(obj, 'response', path)) requireString(obj.response, `${path}.response`);
  if (present(obj, 'duration', path)) requireDuration(obj.duration, `${path}.duration`);
  if (present(obj, 'extensions', path)) validateExtensions(obj.extensions, `${path}.extensions`);
  return obj as Result;
}

/**
 * Data 2.4.5.1: `scaled` in [-1, 1]; `min` < `max`; `raw` within [min, max] when they are given.
 */
function validateScore(value: unknown, path: string): void {
  const score = requireObject(value, path);
  rejectUnknownKeys(score, SCORE_KEYS, path);
  const scaled = present(score, 'scaled', path) ? requireNumber(score.scaled, `${path}.scaled`) : undefined;
  const raw = present(score, 'raw', path) ? requireNumber(score.raw, `${path}.raw`) : undefined;
  const min = present(score, 'min', path) ? requireNumber(score.min, `${path}.min`) : undefined;
  const max = present(score, 'max', path) ? requireNumber(score.max, `${path}.max`) : undefined;
  if (scaled !== undefined && (scaled < -1 || scaled > 1)) fail(`${path}.scaled`, `${show(scaled)} is not between -1 and 1`);
  if (min !== undefined && max !== undefined && !(min < max)) fail(`${path}.min`, `${show(min)} is not less than max ${show(max)}`);
  if (raw !== undefined && min !== undefined && raw < min) fail(`${path}.raw`, `${show(raw)} is less than min ${show(min)}`);
  if (raw !== undefined && max !== undefined && raw > max) fail(`${path}.raw`, `${show(raw)} is greater than max ${show(max)}`);
}
