import type { Locale } from '../i18n/i18n.js';

/** One problem+json validation issue (src/http/validate.ts): `path` like `body.title`. */
export interface ProblemIssue {
  path: string;
  message: string;
}

/**
 * A failed API call. `code` is the problem+json `code` (src/http/errors.ts), or `network` when
 * the server could not be reached, or `invalid-response` when the answer is not what we expect.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
    /** The server's request id (problem+json `requestId`), to quote to support. */
    readonly requestId?: string,
    readonly issues: ProblemIssue[] = [],
    /** The same detail in the language the request asked for (problem+json `localizedDetail`, `locale`). */
    readonly localized?: { text: string; lang: string },
  ) {
    super(detail ?? code);
    this.name = 'ApiError';
  }
}

/** What every API call needs: the freshest Bearer token (read at each call) and the page's language. */
export interface ApiClient {
  token(): string;
  locale?: Locale;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  locale?: Locale;
}

/**
 * Calls the Amphi API with the launch's Bearer token. Never with cookies: inside the LMS iframe
 * the browser may block third-party cookies, the token always works.
 */
export async function requestJson<T>(path: string, token: string, init: RequestOptions = {}): Promise<T> {
  const json = init.body === undefined ? {} : { body: JSON.stringify(init.body), contentType: 'application/json' };
  const response = await send(path, token, init.locale, { method: init.method, ...json });
  const body = (await response.json().catch(() => null)) as unknown;
  if (body === null || typeof body !== 'object') throw new ApiError(response.status, 'invalid-response');
  return body as T;
}

/** `requestJson` with the client's current token and language. */
export function callApi<T>(client: ApiClient, path: string, init: Omit<RequestOptions, 'locale'> = {}): Promise<T> {
  return requestJson<T>(path, client.token(), { ...init, locale: client.locale });
}

export interface RawRequestOptions {
  method?: RequestOptions['method'];
  /** Sent as is (a file's bytes, a JSON string). */
  body?: BodyInit;
  contentType?: string;
  accept?: string;
  /** The request may outlive the page (a last save when the page goes away; bodies up to 64 KiB). */
  keepalive?: boolean;
}

/**
 * A call whose body or answer is not JSON (a file sent as raw bytes, a 204, a file to download),
 * with the same token, language and errors as `requestJson`: the Response when it is ok, the
 * problem+json as an ApiError otherwise.
 */
export function requestRaw(client: ApiClient, path: string, init: RawRequestOptions = {}): Promise<Response> {
  return send(path, client.token(), client.locale, init);
}

/** The one fetch every call makes: token, language, no cookies; a failure as an ApiError. */
async function send(path: string, token: string, locale: Locale | undefined, init: RawRequestOptions): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? 'GET',
      credentials: 'omit',
      cache: 'no-store',
      keepalive: init.keepalive ?? false,
      headers: {
        Accept: init.accept ?? 'application/json, application/problem+json',
        Authorization: `Bearer ${token}`,
        ...(init.contentType ? { 'Content-Type': init.contentType } : {}),
        ...(locale ? { 'Accept-Language': locale } : {}),
      },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
  } catch (err) {
    throw new ApiError(0, 'network', err instanceof Error ? err.message : undefined);
  }
  if (!response.ok) throw problemToError(response.status, (await response.json().catch(() => null)) as unknown);
  return response;
}

function problemToError(status: number, body: unknown): ApiError {
  const problem = (body ?? {}) as { code?: unknown; detail?: unknown; requestId?: unknown; issues?: unknown; localizedDetail?: unknown; locale?: unknown };
  const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);
  const issues = Array.isArray(problem.issues)
    ? problem.issues.filter((i): i is ProblemIssue => typeof i?.path === 'string' && typeof i?.message === 'string')
    : [];
  const localizedText = text(problem.localizedDetail);
  const lang = text(problem.locale);
  const localized = localizedText && lang ? { text: localizedText, lang } : undefined;
  return new ApiError(status, text(problem.code) ?? `http-${status}`, text(problem.detail), text(problem.requestId), issues, localized);
}

/** Anything a call threw, as an ApiError (a bug in our own code reads as `unexpected`). */
export function toApiError(err: unknown): ApiError {
  return err instanceof ApiError ? err : new ApiError(0, 'unexpected', String(err));
}
