import type { z } from 'zod';

/**
 * One row of the API description: what a route takes and answers. The routes files stay the
 * truth of behaviour; these rows point at the same zod schemas, so a request schema changed
 * there is changed here, and the completeness test fails on a route without a row.
 */
export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete' | 'head';
  /** OpenAPI form: /api/resources/{id}. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  auth: Auth;
  /** The `{ params, query, body }` schema the route passes to validate(). */
  request?: z.ZodType;
  /** A body the request schema does not describe (bytes, a transformed record, a tus chunk). */
  body?: BodySpec;
  /** Headers the route reads (xAPI version, tus). */
  headers?: HeaderParameter[];
  /** Parameters for routes that validate without zod (the LRS). */
  parameters?: QueryParameter[];
  responses: Record<number, ResponseSpec>;
  /** Refusals beyond those the auth and the request schema imply (400, 401, 403, 404). */
  errors?: number[];
}

/**
 * `session`: the page's Bearer token (require-launch.ts); safe methods also take the session
 * cookie. `xapi`: an LRS credential (HTTP Basic). `none`: public.
 */
export type Auth = { kind: 'session'; role: 'learner' | 'instructor' | 'admin' } | { kind: 'xapi' } | { kind: 'none' };

export interface BodySpec {
  required: boolean;
  /** Media type → schema; no schema means any bytes of that type. */
  content: Record<string, z.ZodType | undefined>;
  description?: string;
}

export interface HeaderParameter {
  name: string;
  required: boolean;
  description: string;
  schema: z.ZodType;
}

export interface QueryParameter extends HeaderParameter {
  in: 'query';
}

export interface ResponseSpec {
  description: string;
  /** JSON body; absent with no `content` means no body (204) or a non-JSON one named in `content`. */
  schema?: z.ZodType;
  /** Non-JSON answers: media type → schema (undefined: any bytes). */
  content?: Record<string, z.ZodType | undefined>;
  headers?: Record<string, string>;
}

export const sessionAuth = (role: 'learner' | 'instructor' | 'admin' = 'learner'): Auth => ({ kind: 'session', role });
export const noBody = (description: string): ResponseSpec => ({ description });
