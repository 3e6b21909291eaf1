import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecureBbbUrl, normaliseBbbUrl } from '../../../../src/classroom/servers/bbb-server-url.js';
import { AppError } from '../../../../src/http/errors.js';
import { translate } from '../../../../src/http/messages.js';
import '../../../../src/message-catalogs.js';

function refusal(raw: string): { code: string; en: string; fr: string } {
  try {
    normaliseBbbUrl(raw);
  } catch (err) {
    assert.ok(err instanceof AppError, String(err));
    assert.equal(err.status, 400);
    return { code: err.code, en: translate('en', err.code, err.params), fr: translate('fr', err.code, err.params) };
  }
  assert.fail(`${raw} was accepted`);
}

describe('BBB server URL normalisation', () => {
  it('turns every usual spelling into the API base ending /bigbluebutton/api/', () => {
    const base = 'https://bbb.example.org/bigbluebutton/api/';
    for (const raw of [
      'https://bbb.example.org',
      'https://bbb.example.org/',
      'https://bbb.example.org/bigbluebutton',
      'https://bbb.example.org/bigbluebutton/',
      'https://bbb.example.org/bigbluebutton/api',
      'https://bbb.example.org/bigbluebutton/api/',
      'https://bbb.example.org/bigbluebutton/api//',
      '  https://BBB.Example.org:443/bigbluebutton/api  ',
      'bbb.example.org',
    ]) {
      assert.equal(normaliseBbbUrl(raw), base, raw);
    }
  });

  it('keeps a port, a path prefix and plain http', () => {
    assert.equal(normaliseBbbUrl('https://scalelite.univ.example:8443'), 'https://scalelite.univ.example:8443/bigbluebutton/api/');
    assert.equal(normaliseBbbUrl('https://univ.example/visio/bigbluebutton/api'), 'https://univ.example/visio/bigbluebutton/api/');
    assert.equal(normaliseBbbUrl('https://univ.example/visio'), 'https://univ.example/visio/bigbluebutton/api/');
    assert.equal(normaliseBbbUrl('http://10.0.0.5/bigbluebutton/'), 'http://10.0.0.5/bigbluebutton/api/');
    assert.equal(normaliseBbbUrl('http://127.0.0.1:4567/bigbluebutton/api/'), 'http://127.0.0.1:4567/bigbluebutton/api/');
  });

  it('tells https (and loopback) apart from plain http elsewhere', () => {
    assert.equal(isSecureBbbUrl('https://bbb.example.org/bigbluebutton/api/'), true);
    assert.equal(isSecureBbbUrl('http://127.0.0.1:4567/bigbluebutton/api/'), true);
    assert.equal(isSecureBbbUrl('http://localhost/bigbluebutton/api/'), true);
    assert.equal(isSecureBbbUrl('http://10.0.0.5/bigbluebutton/api/'), false);
  });

  it('refuses other schemes, credentials, query strings, fragments and garbage, saying why', () => {
    const scheme = refusal('ftp://bbb.example.org/bigbluebutton/api');
    assert.equal(scheme.code, 'bbb-server-url-scheme');
    assert.match(scheme.en, /must start with https:\/\//);
    assert.equal(refusal('javascript:alert(1)').code, 'bbb-server-url-scheme');

    const creds = refusal('https://admin:s3cret@bbb.example.org/bigbluebutton/api');
    assert.equal(creds.code, 'bbb-server-url-credentials');
    assert.ok(!creds.en.includes('s3cret') && !creds.fr.includes('s3cret'), 'the message does not repeat the password');
    assert.match(creds.en, /shared secret in its own field/);

    const query = refusal('https://bbb.example.org/bigbluebutton/api/getMeetings?checksum=abc');
    assert.equal(query.code, 'bbb-server-url-query');
    assert.ok(!query.en.includes('checksum=abc'));
    assert.match(query.fr, /ne doit pas contenir de paramètres/);

    assert.equal(refusal('https://bbb.example.org/bigbluebutton/api#x').code, 'bbb-server-url-fragment');
    assert.equal(refusal('https://').code, 'bbb-server-url-not-a-url');
    assert.equal(refusal('http://bad host/').code, 'bbb-server-url-not-a-url');
    assert.equal(refusal(`https://bbb.example.org/${'a'.repeat(2100)}`).code, 'bbb-server-url-too-long');
  });
});
