import type { Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { readStatementContent } from '../attachments/multipart-parser.js';
import { checkAttachments } from '../attachments/attachment-check.js';
import { sendMultipart } from '../attachments/multipart-writer.js';
import { allows, type LrsPrincipal } from '../credentials/lrs-principal.js';
import type { XapiResource } from '../http/xapi-resource.js';
import type { XapiRequest } from '../http/xapi-request.js';
import { XapiError } from '../xapi/xapi-error.js';
import { checkStatementParams, parseFormat, parseStatementQuery, type PageCursor } from './statement-query.js';
import { decodeMore, encodeMore } from './more-cursor.js';
import { getStatement, queryStatements, type ReadOutcome } from './statement-read.service.js';
import { storeStatements } from './statement.service.js';
import { consistentThrough as consistentThroughTime } from './consistent-through.js';
import { validateStatement, validateStatementsInSlices } from './validation/statement.validate.js';
import { isUuid } from './validation/primitives.js';

/** /xapi/statements (Communication 2.1). */
export const statementsResource: XapiResource = {
  async PUT(ctx, req, principal, res) {
    requireWrite(principal);
    const { statement, parts } = await readPutStatement(req, version(res));
    await storeStatements(ctx, principal, [statement], parts, { xapiVersion: version(res) });
    (await consistentThrough(ctx, res)).status(204).end();
  },

  async POST(ctx, req, principal, res) {
    requireWrite(principal);
    if (Object.keys(req.params).length) throw new XapiError(400, `POST /statements takes no parameters, got ${Object.keys(req.params).join(', ')}.`);
    const { json, parts } = await readStatementContent(req);
    const statements = await validateStatementsInSlices(json, { version: version(res) });
    checkAttachments(statements, parts);
    const ids = await storeStatements(ctx, principal, statements, parts, { xapiVersion: version(res) });
    (await consistentThrough(ctx, res)).status(200).type('application/json').send(JSON.stringify(ids));
  },

  async GET(ctx, req, principal, res) {
    // Set first, before anything is read: clients poll on this header, refusals included
    // (Communication 2.1.3), and it vouches for what the query below returns.
    await consistentThrough(ctx, res);
    if (!allows(principal, 'statements/read')) throw new XapiError(403, 'This credential may not read statements (scope statements/read or statements/read/mine needed).');
    const languages = acceptLanguages(req);
    const next = req.params.more !== undefined ? decodeMore(req.params.more) : undefined;
    const params = next ? next.params : req.params;
    checkStatementParams(params);
    let outcome: ReadOutcome;
    if (params.statementId !== undefined || params.voidedStatementId !== undefined) {
      const voided = params.voidedStatementId !== undefined;
      outcome = await getStatement(ctx, principal, (params.statementId ?? params.voidedStatementId)!, { voided, ...parseFormat(params), languages });
    } else {
      const query = parseStatementQuery(params, ctx.config.lrs.queryLimit);
      if (next) query.filter.after = next.after;
      outcome = await queryStatements(ctx, principal, query, languages, (after) => moreUrl(ctx, params, after));
    }
    send(res, outcome, parseFormat(params).attachments);
  },
};

/** PUT ?statementId (Communication 2.1.1): one statement, whose id, if it has one, is the parameter's. */
async function readPutStatement(req: XapiRequest, xapiVersion: '1.0.3' | '2.0.0') {
  const id = req.params.statementId;
  if (id === undefined) throw new XapiError(400, 'PUT /statements needs the statementId parameter (use POST to let the LRS choose the id).');
  const unknown = Object.keys(req.params).filter((k) => k !== 'statementId');
  if (unknown.length) throw new XapiError(400, `PUT /statements takes only statementId, not ${unknown.join(', ')}.`);
  const { json, parts } = await readStatementContent(req);
  if (Array.isArray(json)) throw new XapiError(400, 'PUT /statements takes one statement, not an array (POST a batch instead).');
  const statement = validateStatement(json, { version: xapiVersion });
  if (!isUuid(id)) throw new XapiError(400, 'statementId must be a UUID.');
  if (statement.id !== undefined && statement.id.toLowerCase() !== id.toLowerCase()) {
    throw new XapiError(400, `The statement's id ${statement.id} differs from the statementId parameter ${id}.`);
  }
  checkAttachments([statement], parts);
  return { statement: { ...statement, id }, parts };
}

function send(res: Response, outcome: ReadOutcome, multipart: boolean) {
  if (outcome.lastModified) res.setHeader('Last-Modified', outcome.lastModified.toUTCString());
  if (multipart) sendMultipart(res, JSON.parse(outcome.json), outcome.parts);
  else res.status(200).type('application/json').send(outcome.json);
}

function requireWrite(principal: LrsPrincipal) {
  if (!allows(principal, 'statements/write')) throw new XapiError(403, 'This credential may not store statements (scope statements/write needed).');
}

function version(res: Response): '1.0.3' | '2.0.0' {
  return res.locals.xapiVersion === '2.0.0' ? '2.0.0' : '1.0.3';
}

/**
 * Communication 2.1.3: every statement read or write answer says up to when the results are
 * complete. A read takes it before its query, never after: a batch committed in between would
 * be in the time vouched for but not in the answer.
 */
async function consistentThrough(ctx: AppContext, res: Response): Promise<Response> {
  return res.setHeader('X-Experience-API-Consistent-Through', (await consistentThroughTime(ctx.db, ctx.engine)).toISOString());
}

function moreUrl(ctx: AppContext, params: Record<string, string>, after: PageCursor): string {
  const base = new URL(ctx.config.http.publicUrl).pathname.replace(/\/+$/, '');
  return `${base}/xapi/statements?more=${encodeMore(params, after)}`;
}

/** Accept-Language as an ordered list of tags (highest q first), for format=canonical. */
function acceptLanguages(req: XapiRequest): string[] {
  const header = req.headers['accept-language'];
  if (!header) return [];
  return header
    .split(',')
    .map((part, index) => {
      const [tag, ...attrs] = part.trim().split(';');
      const q = attrs.map((a) => /^\s*q=([\d.]+)/.exec(a)?.[1]).find(Boolean);
      return { tag: tag!.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => l.tag && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}
