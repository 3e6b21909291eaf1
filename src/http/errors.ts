import type { Locale, MessageKey } from './messages.js';

/**
 * An error a service throws on purpose: a stable `code` (also the message key), an HTTP status,
 * and the params its message needs. The error middleware turns it into problem+json or a page.
 */
export class AppError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly status: number,
    readonly params: Record<string, unknown> = {},
    options?: { cause?: unknown; logReason?: string },
  ) {
    super(`${code}${Object.keys(params).length ? ` ${JSON.stringify(params)}` : ''}`, options);
    this.name = new.target.name;
    this.logReason = options?.logReason;
  }
  readonly logReason: string | undefined;
}

export class BadRequestError extends AppError {}
export class NotFoundError extends AppError {
  constructor(params: Record<string, unknown> = {}) {
    super('not-found', 404, params);
  }
}
export class UnauthorizedError extends AppError {}
export class ForbiddenError extends AppError {
  constructor(params: Record<string, unknown> = {}) {
    super('forbidden', 403, params);
  }
}
export class ConflictError extends AppError {}

/**
 * A refused LTI launch. When the id_token was verified and named a return URL, the person is
 * sent back to the LMS with `lti_errormsg` (LTI 1.3 §4.4.1, launch_presentation.return_url).
 */
export class LaunchError extends AppError {
  returnUrl: string | undefined;
  /** The launch's language, once the token is verified. */
  locale: Locale | undefined;
}

/** A call to a system outside Amphi (platform, BBB, Elasticsearch) failed. */
export class ExternalServiceError extends AppError {
  constructor(service: string, reason: string, options?: { cause?: unknown }) {
    super('external-service', 502, { service, reason }, options);
  }
}
