import type { NextFunction, Request, Response } from 'express';

/**
 * bbb-webhooks' xAPI module POSTs to `new URL('xAPI/statements', lrs_endpoint)` (src/out/xapi/
 * xapi.js, postToLRS): capital "API". Amphi's LRS routes are case-sensitive on purpose, so that
 * one spelling, and only it, is taken as `/xapi/statements` before the LRS sees the request.
 * Mounted ahead of the LRS in app.ts; everything else passes untouched.
 */
const BBB_WEBHOOKS_PATH = /^\/xAPI\/statements(?=\/?(\?|$))/;

export function bbbWebhooksStatementsPath(req: Request, _res: Response, next: NextFunction): void {
  if (BBB_WEBHOOKS_PATH.test(req.url)) req.url = req.url.replace(BBB_WEBHOOKS_PATH, '/xapi/statements');
  next();
}
