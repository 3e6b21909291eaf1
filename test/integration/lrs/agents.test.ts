import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TestApp } from '../../support/test-app.js';
import { createLrsClient, useLrsApp, type LrsClient } from '../../support/lrs-client.js';

describe('xAPI Agents resource (/agents)', () => {
  let app: TestApp;
  let lrs: LrsClient;
  useLrsApp((fixture) => ({ app, lrs } = fixture));

  const person = (agent: unknown) => lrs.request('GET', '/agents', { params: { agent: JSON.stringify(agent) } });

  it('returns a Person with an array for each property of the Agent', async () => {
    const byMbox = await person({ objectType: 'Agent', name: 'xAPI mbox', mbox: 'mailto:xapi@adlnet.gov' });
    assert.equal(byMbox.status, 200, byMbox.text);
    assert.match(byMbox.headers.get('content-type')!, /^application\/json/);
    assert.deepEqual(byMbox.json, { objectType: 'Person', name: ['xAPI mbox'], mbox: ['mailto:xapi@adlnet.gov'] });

    assert.deepEqual((await person({ mbox_sha1sum: 'cd9b00a5611f94eaa7b1661edab976068e364975' })).json, {
      objectType: 'Person',
      mbox_sha1sum: ['cd9b00a5611f94eaa7b1661edab976068e364975'],
    });
    assert.deepEqual((await person({ openid: 'http://openid.example.org/12345' })).json, { objectType: 'Person', openid: ['http://openid.example.org/12345'] });
    assert.deepEqual((await person({ account: { homePage: 'http://www.example.com', name: 'xAPI account name' } })).json, {
      objectType: 'Person',
      account: [{ homePage: 'http://www.example.com', name: 'xAPI account name' }],
    });
  });

  it('answers HEAD like GET, without a body', async () => {
    const head = await lrs.request('HEAD', '/agents', { params: { agent: JSON.stringify({ mbox: 'mailto:xapi@adlnet.gov' }) } });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  describe('parameters', () => {
    const rejections: [string, Record<string, string>][] = [
      ['without agent', {}],
      ['with an agent that is not JSON', { agent: 'not JSON' }],
      ['with an agent without identifier', { agent: JSON.stringify({ objectType: 'Agent', name: 'Rick James' }) }],
      ['with an account lacking its homePage', { agent: JSON.stringify({ account: { name: 'x' } }) }],
      ['with a Group', { agent: JSON.stringify({ objectType: 'Group', mbox: 'mailto:team@example.org' }) }],
      ['with an unknown parameter', { agent: JSON.stringify({ mbox: 'mailto:a@example.org' }), activityId: 'http://example.com/a' }],
    ];
    for (const [what, params] of rejections) {
      it(`refuses GET ${what} with 400`, async () => {
        const res = await lrs.request('GET', '/agents', { params });
        assert.equal(res.status, 400, res.text);
        assert.ok(res.json.detail.length > 0);
      });
    }
  });

  it('needs a read scope: 403 for a write-only credential', async () => {
    const writer = await createLrsClient(app, lrs.platformId, ['statements/write']);
    assert.equal((await writer.request('GET', '/agents', { params: { agent: JSON.stringify({ mbox: 'mailto:a@example.org' }) } })).status, 403);
  });
});
