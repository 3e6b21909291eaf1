import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import http from 'node:http';
import { describe, it } from 'node:test';
import type { TestApp } from '../../support/test-app.js';
import { lrsRequest, useLrsApp, type LrsClient, type LrsResponse } from '../../support/lrs-client.js';

/**
 * Inputs a client can send that the database cannot hold: index entries over PostgreSQL's
 * B-tree limit (~2704 bytes), NUL characters and lone surrogates (refused by text and jsonb),
 * and JSON nested deeply enough to overflow a recursive walk. Each must be a 400 that names
 * what is wrong, never a 500.
 */
const HOME = 'https://moodle.example';
const ACTIVITY = 'https://moodle.example/mod/page/view.php?id=7';

/**
 * ASCII text of exactly `bytes` bytes that does not compress: PostgreSQL compresses index
 * entries, so 'aaaa…' of 3000 bytes would fit where 3000 random characters do not.
 */
const noise = (bytes: number) => crypto.randomBytes(bytes).toString('hex').slice(0, bytes);
/** `n` random CJK characters (3 UTF-8 bytes each). */
const cjk = (n: number) => Array.from({ length: n }, () => String.fromCharCode(0x4e00 + crypto.randomInt(0x5000))).join('');
const longIri = (bytes: number, base = 'https://example.com/') => base + noise(bytes - base.length);

function statement(change: (s: Record<string, any>) => void = () => {}): Record<string, any> {
  const s: Record<string, any> = {
    actor: { objectType: 'Agent', account: { homePage: HOME, name: 's1' } },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced', display: { 'en-US': 'experienced' } },
    object: { objectType: 'Activity', id: ACTIVITY, definition: { name: { 'en-US': 'Week 1 reading' } } },
  };
  change(s);
  return s;
}

/**
 * POSTs a body of `total` bytes, `first` then 64 KiB chunks of "a", each written when the
 * connection takes it (the test allocates one chunk, not the body). Reports the answer and how
 * many bytes the client had written when it came and in all: a server that answers before
 * reading the body answers early, and one that closes the connection stops the client short.
 */
function streamedPost(url: string, headers: Record<string, string | number>, total: number, first = Buffer.alloc(0)) {
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise<{ status: number; body: string; writtenAtAnswer: number; written: number }>((resolve, reject) => {
    let written = 0;
    let answer: { status: number; body: string; writtenAtAnswer: number } | undefined;
    let settled = false;
    const settle = () => {
      if (settled) return;
      settled = true;
      if (answer) resolve({ ...answer, written });
      else reject(new Error(`no answer after writing ${written} of ${total} bytes`));
    };
    const req = http.request(url, { method: 'POST', headers: { ...headers, 'Content-Length': total } });
    req.on('response', (res) => {
      const writtenAtAnswer = written;
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d)).on('end', () => {
        answer = { status: res.statusCode!, body, writtenAtAnswer };
        // Give the client the time to notice a closed connection on its next writes.
        setTimeout(settle, 200);
      });
    });
    req.on('error', () => setTimeout(settle, 200));
    req.on('close', () => setTimeout(settle, 200));
    const pump = () => {
      if (written === 0 && first.length) {
        written += first.length;
        if (!req.write(first)) return void req.once('drain', pump);
      }
      while (written < total && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, total - written));
        written += piece.length;
        if (!req.write(piece)) return void req.once('drain', pump);
      }
      if (written >= total) req.end();
    };
    pump();
  });
}

function assertRefused(res: LrsResponse, detail: RegExp): void {
  assert.equal(res.status, 400, res.text);
  assert.match(String(res.json?.detail), detail);
}

describe('LRS hostile input: 400, never 500', () => {
  let app: TestApp;
  let lrs: LrsClient;
  useLrsApp((fixture) => ({ app, lrs } = fixture));

  const post = (body: unknown) => lrs.request('POST', '/statements', { json: body });

  describe('identifiers too long for an index entry', () => {
    const cases: [string, (s: Record<string, any>) => void, RegExp][] = [
      ['verb id', (s) => { s.verb.id = longIri(3000); }, /^statement\.verb\.id: .*1024 bytes/],
      ['object activity id', (s) => { s.object.id = longIri(3000); }, /^statement\.object\.id: .*1024 bytes/],
      ['context activity id', (s) => { s.context = { contextActivities: { parent: [{ id: longIri(3000) }] } }; }, /^statement\.context\.contextActivities\.parent\[0\]\.id: .*1024 bytes/],
      ['account name', (s) => { s.actor.account.name = noise(3000); }, /^statement\.actor\.account\.name: .*512 bytes/],
      ['account homePage', (s) => { s.actor.account.homePage = longIri(3000); }, /^statement\.actor\.account\.homePage: .*512 bytes/],
      ['mbox', (s) => { s.actor = { mbox: `mailto:${noise(3000)}@example.com` }; }, /^statement\.actor\.mbox: .*320 bytes/],
      ['openid', (s) => { s.actor = { openid: longIri(3000) }; }, /^statement\.actor\.openid: .*1024 bytes/],
      ['object agent account name', (s) => { s.object = { objectType: 'Agent', account: { homePage: HOME, name: noise(3000) } }; }, /^statement\.object\.account\.name: .*512 bytes/],
    ];
    for (const [what, change, detail] of cases) {
      it(`refuses a statement whose ${what} is ~3000 bytes`, async () => {
        assertRefused(await post(statement(change)), detail);
      });
    }

    it('counts UTF-8 bytes, not characters: 257 "é" (514 bytes) is too long for an account name', async () => {
      assertRefused(await post(statement((s) => { s.actor.account.name = 'é'.repeat(257); })), /^statement\.actor\.account\.name: .*512 bytes/);
    });

    it('stores a statement with every key at its limit (their sum fits the actor + verb index)', async () => {
      const res = await post(statement((s) => {
        s.actor.account = { homePage: longIri(512, `${HOME}/`), name: noise(512) };
        s.verb.id = longIri(1024);
        s.object.id = longIri(1024, `${ACTIVITY}&x=`);
        s.context = {
          instructor: { mbox: `mailto:${noise(320 - 'mailto:@example.com'.length)}@example.com` },
          contextActivities: { parent: [{ id: longIri(1024, 'https://example.org/') }] },
        };
      }));
      assert.equal(res.status, 200, res.text);
      const got = await lrs.request('GET', '/statements', { params: { statementId: res.json[0] } });
      assert.equal(got.status, 200, got.text);
      assert.equal(got.json.verb.id.length, 1024);
    });

    it('refuses over-long agent, verb and activity filters of a statement query', async () => {
      const agent = JSON.stringify({ account: { homePage: HOME, name: noise(3000) } });
      assertRefused(await lrs.request('GET', '/statements', { params: { agent } }), /^agent\.account\.name: .*512 bytes/);
      assert.equal((await lrs.request('GET', '/statements', { params: { verb: longIri(3000) } })).status, 400);
      assert.equal((await lrs.request('GET', '/statements', { params: { activity: longIri(3000) } })).status, 400);
    });

    it('refuses a stateId over 1000 UTF-8 bytes (1000 CJK characters are ~3000 bytes)', async () => {
      const params = { activityId: ACTIVITY, agent: JSON.stringify({ account: { homePage: HOME, name: 's1' } }), stateId: cjk(1000) };
      assertRefused(await lrs.request('PUT', '/activities/state', { params, json: { page: 1 } }), /^stateId: .*1000 bytes/);
      const fits = { ...params, stateId: cjk(333) };
      assert.equal((await lrs.request('PUT', '/activities/state', { params: fits, json: { page: 1 } })).status, 204);
    });

    it('refuses an over-long activityId or profileId of a document resource', async () => {
      const activityId = longIri(3000);
      assertRefused(await lrs.request('PUT', '/activities/profile', { params: { activityId, profileId: 'p' }, json: {}, headers: { 'If-None-Match': '*' } }), /^activityId: .*1024 bytes/);
      const profileId = cjk(334);
      assertRefused(await lrs.request('PUT', '/activities/profile', { params: { activityId: ACTIVITY, profileId }, json: {}, headers: { 'If-None-Match': '*' } }), /^profileId: .*1000 bytes/);
    });
  });

  describe('NUL characters and lone surrogates', () => {
    const cases: [string, (s: Record<string, any>) => void, RegExp][] = [
      ['result.response', (s) => { s.result = { response: 'a\u0000b' }; }, /^statement\.result\.response: .*NUL/],
      ['verb display', (s) => { s.verb.display = { 'en-US': '\u0000' }; }, /^statement\.verb\.display\.en-US: .*NUL/],
      ['activity name', (s) => { s.object.definition.name = { fr: 'x\u0000' }; }, /^statement\.object\.definition\.name\.fr: .*NUL/],
      ['an object key inside an extension', (s) => { s.result = { extensions: { 'https://example.com/ext': { 'k\u0000': 1 } } }; }, /^statement\.result\.extensions\.https:\/\/example\.com\/ext: .*NUL/],
      ['a lone surrogate in result.response', (s) => { s.result = { response: 'x\ud800y' }; }, /^statement\.result\.response: .*surrogate/],
      ['a lone surrogate in an activity name', (s) => { s.object.definition.name = { 'en-US': '\udfff' }; }, /^statement\.object\.definition\.name\.en-US: .*surrogate/],
    ];
    for (const [what, change, detail] of cases) {
      it(`refuses ${what}`, async () => {
        assertRefused(await post(statement(change)), detail);
      });
    }

    it('names the statement of a batch by its index', async () => {
      assertRefused(await post([statement(), statement((s) => { s.result = { response: '\u0000' }; })]), /^statements\[1\]\.result\.response: .*NUL/);
    });

    it('refuses a NUL or a lone surrogate inside the agent parameter of a query', async () => {
      const nul = JSON.stringify({ account: { homePage: HOME, name: 'a\u0000' } });
      assertRefused(await lrs.request('GET', '/statements', { params: { agent: nul } }), /^agent\.account\.name: .*NUL/);
      const surrogate = JSON.stringify({ account: { homePage: HOME, name: '\ud800' } });
      assertRefused(await lrs.request('GET', '/statements', { params: { agent: surrogate } }), /^agent\.account\.name: .*surrogate/);
    });

    it('refuses a NUL in a query parameter value or name', async () => {
      const params = { activityId: ACTIVITY, agent: JSON.stringify({ account: { homePage: HOME, name: 's1' } }), stateId: 'a\u0000' };
      assertRefused(await lrs.request('GET', '/activities/state', { params }), /^stateId: .*NUL/);
      assertRefused(await lrs.request('PUT', '/activities/state', { params, json: { page: 1 } }), /^stateId: .*NUL/);
      assertRefused(await lrs.request('GET', '/statements', { params: { 'x\u0000': '1' } }), /parameter name .*NUL/);
    });

    it('refuses a NUL in a form field of the alternate request syntax', async () => {
      const form = new URLSearchParams({ activityId: ACTIVITY, agent: JSON.stringify({ account: { homePage: HOME, name: 's1' } }), stateId: '\u0000', 'X-Experience-API-Version': '1.0.3' });
      const res = await lrs.request('POST', '/activities/state', { params: { method: 'GET' }, body: form.toString(), contentType: 'application/x-www-form-urlencoded' });
      assertRefused(res, /^stateId: .*NUL/);
    });
  });

  describe('bodies are read only once the credential is checked', () => {
    const total = 19 * 1024 * 1024;
    const form = 'application/x-www-form-urlencoded';
    const basic = (key: string, secret: string) => `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
    const assertNotRead = (res: Awaited<ReturnType<typeof streamedPost>>) => {
      assert.equal(res.status, 401, res.body.slice(0, 300));
      assert.ok(res.writtenAtAnswer < total / 2, `answered after ${res.writtenAtAnswer} of ${total} bytes`);
      assert.ok(res.written < total, 'the connection is closed: the client cannot send the rest of the body');
    };

    it('answers 401 to an anonymous 19 MB POST before reading it, and closes the connection', async () => {
      const res = await streamedPost(`${app.url}/xapi/statements`, { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3' }, total);
      assertNotRead(res);
      assert.match(JSON.parse(res.body).detail, /Authentication required/);
    });

    it('answers 401 to a 19 MB POST with a wrong secret before reading it', async () => {
      const headers = { 'Content-Type': 'application/json', 'X-Experience-API-Version': '1.0.3', Authorization: basic(lrs.key, 'wrong') };
      assertNotRead(await streamedPost(`${app.url}/xapi/statements`, headers, total));
    });

    it('reads only the first 64 KiB of an alternate-syntax form before checking the credential it carries', async () => {
      const url = `${app.url}/xapi/statements?method=POST`;
      const anonymous = Buffer.from('X-Experience-API-Version=1.0.3&Content-Type=application%2Fjson&content=');
      const refused = await streamedPost(url, { 'Content-Type': form }, total, anonymous);
      assertNotRead(refused);
      assert.match(JSON.parse(refused.body).detail, /first 64 KiB/);
      const wrong = Buffer.from(`Authorization=${encodeURIComponent(basic(lrs.key, 'wrong'))}&X-Experience-API-Version=1.0.3&content=`);
      assertNotRead(await streamedPost(url, { 'Content-Type': form }, total, wrong));
      const wrongHeader = await streamedPost(url, { 'Content-Type': form, Authorization: basic(lrs.key, 'wrong') }, total, anonymous);
      assertNotRead(wrongHeader);
      assert.match(JSON.parse(wrongHeader.body).detail, /unknown, revoked, or the secret is wrong/);
    });

    it('stores an alternate-syntax batch larger than 64 KiB whose form names the credential first; refuses it when the credential comes after', async () => {
      const batch = Array.from({ length: 300 }, () => statement((s) => { s.id = crypto.randomUUID(); }));
      assert.ok(JSON.stringify(batch).length > 64 * 1024);
      const fields = (order: 'credential first' | 'content first') => {
        const credential = { Authorization: basic(lrs.key, lrs.secret), 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json' };
        const content = { content: JSON.stringify(batch) };
        return new URLSearchParams(order === 'credential first' ? { ...credential, ...content } : { ...content, ...credential }).toString();
      };
      const late = await lrsRequest(app.url, 'POST', '/statements', { params: { method: 'POST' }, body: fields('content first'), contentType: form, version: null });
      assert.equal(late.status, 401, late.text);
      assert.match(late.json.detail, /Authorization.*first 64 KiB/);
      const stored = await lrsRequest(app.url, 'POST', '/statements', { params: { method: 'POST' }, body: fields('credential first'), contentType: form, version: null });
      assert.equal(stored.status, 200, stored.text.slice(0, 300));
      assert.deepEqual(stored.json, batch.map((s) => s.id));
    });

    it('stores an alternate-syntax batch larger than 64 KiB whose credential is in the Authorization header, or in the form after a wrong header', async () => {
      const batch = () => Array.from({ length: 300 }, () => statement((s) => { s.id = crypto.randomUUID(); }));
      const formOf = (statements: unknown[], fields: Record<string, string> = {}) =>
        new URLSearchParams({ content: JSON.stringify(statements), 'X-Experience-API-Version': '1.0.3', 'Content-Type': 'application/json', ...fields }).toString();
      const viaHeader = batch();
      assert.ok(formOf(viaHeader).length > 64 * 1024);
      const byHeader = await lrsRequest(app.url, 'POST', '/statements', { params: { method: 'POST' }, body: formOf(viaHeader), contentType: form, version: null, auth: lrs });
      assert.equal(byHeader.status, 200, byHeader.text.slice(0, 300));
      assert.deepEqual(byHeader.json, viaHeader.map((s) => s.id));
      // The form's fields replace the request's headers (Communication 1.3): its credential is the one served.
      const viaField = batch();
      const byField = await lrsRequest(app.url, 'POST', '/statements', {
        params: { method: 'POST' },
        body: new URLSearchParams({ Authorization: basic(lrs.key, lrs.secret) }).toString() + '&' + formOf(viaField),
        contentType: form,
        version: null,
        auth: { key: lrs.key, secret: 'wrong' },
      });
      assert.equal(byField.status, 200, byField.text.slice(0, 300));
      assert.deepEqual(byField.json, viaField.map((s) => s.id));
    });
  });

  describe('deep nesting', () => {
    /** JSON text of `levels` nested objects, built as text: JSON.stringify itself overflows at 5000. */
    const nested = (levels: number) => `${'{"k":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`;
    const withExtension = (valueJson: string) =>
      JSON.stringify(statement((s) => { s.result = { extensions: { 'https://example.com/deep': '@VALUE@' } }; })).replace('"@VALUE@"', valueJson);
    const postText = (body: string) => lrs.request('POST', '/statements', { body, contentType: 'application/json' });

    it('refuses an extension nested 5000 levels deep', async () => {
      const res = await postText(withExtension(nested(5000)));
      assertRefused(res, /^statement\.result\.extensions\.https:\/\/example\.com\/deep(\.k)+: nested more than 64 levels$/);
    });

    it('refuses the same nesting in the agent parameter (600 levels: a URL is limited to 16 KB)', async () => {
      const agent = `{"account": {"homePage": "${HOME}", "name": "s1"}, "name": ${nested(600)}}`;
      assertRefused(await lrs.request('GET', '/statements', { params: { agent } }), /^agent\.name(\.k)+: nested more than 64 levels$/);
    });

    it('stores an extension nested a few levels deep', async () => {
      const res = await postText(withExtension(nested(20)));
      assert.equal(res.status, 200, res.text);
    });
  });
});
