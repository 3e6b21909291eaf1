import type { NextFunction, Request, Response } from 'express';
import type { z } from 'zod';
import { BadRequestError } from './errors.js';

export type RequestSchema = z.ZodType<{ params?: unknown; query?: unknown; body?: unknown }>;

/**
 * Validates `{params, query, body}` against one zod schema and leaves the parsed value in
 * `res.locals.input`; handlers read it with `input<typeof Schema>(res)` and never re-read req.
 */
export function validate(schema: RequestSchema) {
  return (req: Request, res: Response, next: NextFunction) => {
    const parsed = schema.safeParse({ params: req.params, query: req.query, body: req.body ?? {} });
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
      next(
        new BadRequestError('invalid-request', 400, {
          details: issues.map((i) => `${i.path.replace(/^(body|query|params)\.?/, '') || 'request'}: ${i.message}`).join('; '),
          issues,
        }),
      );
      return;
    }
    res.locals.input = parsed.data;
    next();
  };
}

export function input<S extends RequestSchema>(res: Response): z.output<S> {
  return res.locals.input as z.output<S>;
}
