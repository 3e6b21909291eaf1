import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { BadRequestError } from './errors.js';
import { describeIssues } from './validation-messages.js';

export type RequestSchema = z.ZodType<{ params?: unknown; query?: unknown; body?: unknown }>;

/**
 * Validates `{params, query, body}` against one zod schema and leaves the parsed value in
 * `res.locals.input`; handlers read it with `input<typeof Schema>(res)` and never re-read req.
 */
export function validate(schema: RequestSchema) {
  return (req: Request, res: Response, next: NextFunction) => {
    // reportInput: the French description tells a missing field from a wrong one by its input.
    const parsed = schema.safeParse({ params: req.params, query: req.query, body: req.body ?? {} }, { reportInput: true });
    if (!parsed.success) {
      next(new BadRequestError('invalid-request', 400, { ...describeIssues(parsed.error.issues) }));
      return;
    }
    res.locals.input = parsed.data;
    next();
  };
}

export function input<S extends RequestSchema>(res: Response): z.output<S> {
  return res.locals.input as z.output<S>;
}
