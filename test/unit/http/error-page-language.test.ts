/**
 * The error page of a refused request speaks the request's language throughout: a French page
 * names each invalid field in French, never with zod's (or body-parser's) English sentences.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { after, before, describe, it } from 'node:test';
import express from 'express';
import { z } from 'zod';
import { errorHandler } from '../../../src/http/error-handler.js';
import { validate } from '../../../src/http/validate.js';
import { describeIssues } from '../../../src/http/validation-messages.js';

const Form = z.object({
  body: z.object({
    titre: z.string().min(1).max(5),
    nombre: z.number().int().min(1),
    genre: z.enum(['video', 'classroom']),
    lien: z.url().optional(),
    jours: z.array(z.string()).max(1).optional(),
  }),
});

/** Words of zod's and body-parser's English messages, and of the page's English frame. */
const ENGLISH = /\b(invalid|input|expected|received|too|small|big|must|should|option|characters|unexpected|token|JSON at|reference|request|required|the|is|not)\b/i;

describe('error pages in the request’s language', () => {
  let server: Server;
  let base: string;

  before(async () => {
    const app = express();
    app.use(express.json());
    app.post('/things', validate(Form), (_req, res) => {
      res.status(204).end();
    });
    app.use(errorHandler());
    server = app.listen(0, '127.0.0.1');
    await new Promise((done) => server.once('listening', done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((done) => server.close(() => done())));

  const post = (body: string, language: string) =>
    fetch(`${base}/things`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/html', 'accept-language': language }, body });

  /** The page's visible text, tags and the codes under <code> (ids, not words) taken out. */
  async function pageText(res: Response): Promise<string> {
    const html = await res.text();
    return html
      .replace(/<head>[\s\S]*<\/head>/, '')
      .replace(/<code>[^<]*<\/code>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[#\w]+;/g, (entity) => ({ '&#39;': '\'', '&quot;': '"', '&lt;': '<', '&gt;': '>', '&amp;': '&' })[entity] ?? entity);
  }

  it('describes every invalid field in French, with no English sentence', async () => {
    const res = await post(JSON.stringify({ titre: 'beaucoup trop long', nombre: 1.5, genre: 'podcast', lien: 'pas une adresse', jours: ['lundi', 'mardi'] }), 'fr-FR,fr;q=0.9');
    assert.equal(res.status, 400);
    const text = await pageText(res);
    assert.match(text, /La requête n’est pas valide\u00a0:/);
    assert.match(text, /titre\u00a0: doit compter au plus 5 caractères/);
    assert.match(text, /nombre\u00a0: doit être un nombre entier/);
    assert.match(text, /genre\u00a0: doit être l’une de ces valeurs\u00a0: «\u00a0video\u00a0», «\u00a0classroom\u00a0»/);
    assert.match(text, /lien\u00a0: doit être une adresse web/);
    assert.match(text, /jours\u00a0: doit compter au plus 1 élément/);
    assert.match(text, /Référence\u00a0:/);
    assert.doesNotMatch(text, ENGLISH, text);
  });

  it('says a missing field is missing, and an empty one empty', async () => {
    const text = await pageText(await post(JSON.stringify({ titre: '' }), 'fr'));
    assert.match(text, /titre\u00a0: ne doit pas être vide/);
    assert.match(text, /nombre\u00a0: est obligatoire/);
    assert.match(text, /genre\u00a0: est obligatoire/);
    assert.doesNotMatch(text, ENGLISH, text);
  });

  it('explains an unreadable body in French', async () => {
    const text = await pageText(await post('{"titre": ', 'fr-CA'));
    assert.match(text, /Le corps de la requête est illisible\u00a0: son contenu n’est pas bien formé/);
    assert.doesNotMatch(text, ENGLISH, text);
  });

  it('keeps zod’s words for English pages and problem+json’s detail, with the French next to it', async () => {
    const page = await pageText(await post(JSON.stringify({ titre: '', nombre: 2, genre: 'video' }), 'en-GB'));
    assert.match(page, /The request is not valid: titre: Too small/);
    assert.match(page, /Reference:/);
    const problem = await fetch(`${base}/things`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', 'accept-language': 'fr' }, body: '{}' });
    const body = (await problem.json()) as { code: string; detail: string; locale: string; localizedDetail: string; issues: { path: string; code: string }[] };
    assert.equal(body.code, 'invalid-request');
    assert.match(body.detail, /^The request is not valid: titre: Invalid input/);
    assert.equal(body.locale, 'fr');
    assert.equal(body.localizedDetail, 'La requête n’est pas valide\u00a0: titre\u00a0: est obligatoire\u00a0; nombre\u00a0: est obligatoire\u00a0; genre\u00a0: est obligatoire');
    assert.deepEqual(body.issues.map((i) => [i.path, i.code]), [['body.titre', 'invalid_type'], ['body.nombre', 'invalid_type'], ['body.genre', 'invalid_value']]);
  });

  it('uses a refinement’s own French when it gives one', () => {
    const Range = z.object({ from: z.string(), to: z.string() }).refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['from'], params: { fr: 'ne doit pas être après la fin' } });
    const parsed = Range.safeParse({ from: 'b', to: 'a' }, { reportInput: true });
    assert.ok(!parsed.success);
    const described = describeIssues(parsed.error.issues);
    assert.equal(described.details, 'from: `from` must not be after `to`');
    assert.equal(described.detailsFr, 'from\u00a0: ne doit pas être après la fin');
  });
});
