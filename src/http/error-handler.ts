import { STATUS_CODES } from 'node:http';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { AppError, LaunchError } from './errors.js';
import { html, page } from './html.js';
import { localeFromAcceptLanguage, translate, type Locale, type MessageKey } from './messages.js';

/** body-parser's reasons are English sentences: French pages say these instead. */
const BODY_REASONS_FR: Record<string, string> = {
  'entity.parse.failed': 'son contenu n’est pas bien formé',
  'request.aborted': 'l’envoi a été interrompu',
  'request.size.invalid': 'sa taille ne correspond pas à celle annoncée',
  'encoding.unsupported': 'son encodage n’est pas pris en charge',
  'charset.unsupported': 'son jeu de caractères n’est pas pris en charge',
  'parameters.too.many': 'il contient trop de paramètres',
};

/** Errors body-parser raises, mapped to ours. */
function fromBodyParser(err: { type?: string; status?: number; limit?: number; message?: string }): AppError | undefined {
  const reasons = { reason: err.message, reasonFr: BODY_REASONS_FR[err.type ?? ''] };
  switch (err.type) {
    case 'entity.too.large':
      return new AppError('body-too-large', 413, { limit: `${err.limit} bytes`, limitFr: `${err.limit}\u00a0octets` });
    case 'entity.parse.failed':
    case 'request.aborted':
    case 'request.size.invalid':
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('malformed-body', err.status ?? 400, reasons);
    case 'parameters.too.many':
      return new AppError('malformed-body', 413, reasons);
    default:
      return undefined;
  }
}

export function requestLocale(req: Request): Locale {
  const sessionLocale = (req.res?.locals as { session?: { locale: Locale } } | undefined)?.session?.locale;
  return sessionLocale ?? localeFromAcceptLanguage(req.headers['accept-language']) ?? 'en';
}

/** APIs answer JSON; people (a browser navigating, a form post) get a page. */
export function wantsHtml(req: Request): boolean {
  // BBB's callback scripts and Prometheus send Accept: */*: they are machines, and get problem+json.
  if (/^\/(api|xapi|admin|classroom\/callbacks)\/|^\/metrics$/.test(req.path)) return false;
  return req.accepts(['html', 'json']) === 'html';
}

/** Errors the router raises, mapped to ours. */
function fromRouter(err: unknown): AppError | undefined {
  // A path whose percent-encoding does not decode (`%zz`) names nothing here.
  if (err instanceof URIError && (err as URIError & { status?: number }).status === 400) return new AppError('not-found', 404, {}, { logReason: err.message });
  return undefined;
}

export function notFoundHandler(): RequestHandler {
  return (_req, _res, next) => next(new AppError('not-found', 404));
}

/**
 * The one place errors become responses: application/problem+json (RFC 9457) for clients,
 * an HTML page for people, and a redirect back to the LMS for a verified launch with a return URL.
 */
export function errorHandler(): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const appError = err instanceof AppError ? err : (fromBodyParser(err as never) ?? fromRouter(err));
    const error = appError ?? new AppError('internal-error', 500);
    const log = req.log ?? console;
    if (error.status >= 500) log.error({ err, code: error.code }, 'request failed');
    else log.warn({ code: error.code, params: error.params, reason: error.logReason }, 'request refused');

    if (res.headersSent) {
      res.end();
      return;
    }
    const locale = (error instanceof LaunchError && error.locale) || requestLocale(req);
    const detail = translate(locale, error.code as MessageKey, error.params);
    const requestId = String(req.id ?? '');

    if (error instanceof LaunchError && error.returnUrl) {
      const url = new URL(error.returnUrl);
      url.searchParams.set('lti_errormsg', translate(locale, error.code, error.params));
      url.searchParams.set('lti_errorlog', `amphi ${error.code} ${requestId}`);
      res.redirect(303, url.toString());
      return;
    }
    res.status(error.status);
    if (wantsHtml(req)) {
      res.type('html').send(
        page({
          locale,
          title: translate(locale, 'page.error.title'),
          body: html`<h1>${translate(locale, 'page.error.title')}</h1>
<p class="amphi-error" role="alert">${detail}</p>
<p class="amphi-muted">${translate(locale, 'page.error.reference')} <code>${error.code}</code> · <code>${requestId}</code></p>`,
        }),
      );
      return;
    }
    res.type('application/problem+json').send(
      JSON.stringify({
        type: `urn:amphi:problem:${error.code}`,
        title: STATUS_CODES[error.status] ?? 'Error',
        status: error.status,
        detail: translate('en', error.code as MessageKey, error.params),
        // The same in the request's language, for a page to show its person (`detail` stays English for logs and scripts).
        locale,
        localizedDetail: detail,
        code: error.code,
        requestId,
        ...(error.params.issues ? { issues: error.params.issues } : {}),
      }),
    );
  };
}
