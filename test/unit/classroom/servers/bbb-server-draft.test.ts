import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../../tool/src/api/api-client.js';
import { translatorFor } from '../../../../tool/src/i18n/i18n.js';
import { draftFromServer, fieldErrorsOf, toBody, validateDraft } from '../../../../tool/src/classroom/server/bbb-server-draft.js';

const t = translatorFor('fr');

/** The administrator's form in the tool (tool/src/classroom/server/bbb-server-draft.ts). */
describe('BBB server form draft', () => {
  it('never prefills the secret and leaves it out of the body when empty', () => {
    const draft = draftFromServer({ configured: true, canManage: true, url: 'https://bbb.example.org/bigbluebutton/api/', checksumAlgorithm: 'sha1', secretFingerprint: 'sha256:01234567' });
    assert.deepEqual(draft, { url: 'https://bbb.example.org/bigbluebutton/api/', secret: '', checksumAlgorithm: 'sha1' });
    assert.deepEqual(toBody(draft), { url: 'https://bbb.example.org/bigbluebutton/api/', checksumAlgorithm: 'sha1' });
    assert.deepEqual(toBody({ ...draft, secret: ' s3cr3t-value ' }).secret, 's3cr3t-value');
    assert.deepEqual(draftFromServer({ configured: false, canManage: true }), { url: '', secret: '', checksumAlgorithm: 'sha256' });
  });

  it('asks for the URL, and for the secret only when none is stored', () => {
    const empty = { url: ' ', secret: '', checksumAlgorithm: 'sha256' as const };
    assert.deepEqual(Object.keys(validateDraft(empty, false, t)).sort(), ['secret', 'url']);
    assert.deepEqual(Object.keys(validateDraft(empty, true, t)), ['url']);
    assert.equal(validateDraft(empty, true, t).url?.text, 'Saisissez l’adresse du serveur.');
    assert.deepEqual(validateDraft({ ...empty, url: 'https://bbb.example.org' }, true, t), {});
  });

  it('puts the server’s refusals under their field, in the page’s language', () => {
    assert.deepEqual(fieldErrorsOf(new ApiError(400, 'bbb-server-url-query', 'The address must not…'), t), {
      url: { text: t('servers.error.bbb-server-url-query') },
    });
    assert.deepEqual(fieldErrorsOf(new ApiError(400, 'bbb-server-secret-invalid'), t), { secret: { text: t('servers.error.bbb-server-secret-invalid') } });
    const issues = [{ path: 'body.checksumAlgorithm', message: 'Invalid option' }];
    assert.deepEqual(fieldErrorsOf(new ApiError(400, 'invalid-request', 'x', 'r', issues), t), { checksumAlgorithm: { text: 'Invalid option', lang: 'en' } });
    assert.equal(fieldErrorsOf(new ApiError(400, 'invalid-request', 'x', 'r', [{ path: 'body.other', message: 'm' }]), t), null);
    assert.equal(fieldErrorsOf(new ApiError(409, 'bbb-not-configured'), t), null);
    assert.equal(fieldErrorsOf(new ApiError(403, 'forbidden'), t), null);
  });
});
