import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import { CHECKSUM_ALGORITHMS } from '../../../src/classroom/bbb/bbb.types.js';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { signed, tag } from './fake-bbb-client.js';

const fakes: FakeBbb[] = [];
after(() => Promise.all(fakes.map((f) => f.close())));

async function fake(options: Parameters<typeof startFakeBbb>[0]): Promise<FakeBbb> {
  const f = await startFakeBbb(options);
  fakes.push(f);
  return f;
}

async function xmlOf(url: string): Promise<string> {
  return (await fetch(url)).text();
}

describe('fake BBB checksum (GetChecksumValidator)', () => {
  for (const algorithm of CHECKSUM_ALGORITHMS) {
    it(`accepts a ${algorithm} checksum over the raw query string and refuses a wrong one`, async () => {
      const f = await fake({ algorithm, secret: `secret-${algorithm}` });
      const query = 'meetingID=room+1&name=Salle+%C3%A9t%C3%A9';
      const sum = createHash(algorithm).update(`create${query}secret-${algorithm}`).digest('hex');
      const good = await xmlOf(`${f.url}create?${query}&checksum=${sum}`);
      assert.equal(tag(good, 'returncode'), 'SUCCESS', good);
      assert.equal(f.meeting('room 1')?.name, 'Salle été');

      const wrongSecret = await xmlOf(signed(f, 'isMeetingRunning', 'meetingID=room+1', algorithm, 'not-the-secret'));
      assert.equal(tag(wrongSecret, 'returncode'), 'FAILED');
      assert.equal(tag(wrongSecret, 'messageKey'), 'checksumError');
      assert.equal(tag(wrongSecret, 'message'), 'Checksums do not match');
    });
  }

  it('refuses a call without checksum, and one signed over another call name', async () => {
    const f = await fake({ algorithm: 'sha256' });
    assert.equal(tag(await xmlOf(`${f.url}getMeetings`), 'messageKey'), 'checksumError');
    assert.equal(tag(await xmlOf(`${f.url}getMeetings?checksum=`), 'messageKey'), 'checksumError');
    const otherCall = signed(f, 'getMeetingInfo', 'meetingID=ab').replace('getMeetingInfo?', 'isMeetingRunning?');
    assert.equal(tag(await xmlOf(otherCall), 'messageKey'), 'checksumError');
    assert.deepEqual(
      f.calls.map((c) => [c.call, c.ok, c.messageKey]),
      [
        ['getMeetings', false, 'checksumError'],
        ['getMeetings', false, 'checksumError'],
        ['isMeetingRunning', false, 'checksumError'],
      ],
    );
    assert.equal(f.count('getMeetings'), 0);
  });

  it('hashes the query string as sent: the same parameters encoded otherwise do not match', async () => {
    const f = await fake({ algorithm: 'sha1' });
    const signedPlus = signed(f, 'create', 'name=Test+Meeting&meetingID=m-1');
    const reencoded = signedPlus.replace('Test+Meeting', 'Test%20Meeting');
    assert.equal(tag(await xmlOf(reencoded), 'messageKey'), 'checksumError');
    assert.equal(tag(await xmlOf(signedPlus), 'returncode'), 'SUCCESS');
  });

  it('finds the checksum wherever it is in the query string', async () => {
    const f = await fake({ algorithm: 'sha512' });
    const query = 'meetingID=m-2&name=Two';
    const sum = createHash('sha512').update(`create${query}${f.secret}`).digest('hex');
    const first = await xmlOf(`${f.url}create?checksum=${sum}&${query}`);
    assert.equal(tag(first, 'returncode'), 'SUCCESS', first);
  });

  it('picks the algorithm by checksum length and refuses one the server does not support', async () => {
    const strict = await fake({ algorithm: 'sha512' });
    const sha1 = await xmlOf(signed(strict, 'getMeetings', '', 'sha1'));
    assert.equal(tag(sha1, 'messageKey'), 'checksumError', 'a sha1 checksum on a sha512-only server');
    const stock = await fake({ algorithm: 'sha256', supportedAlgorithms: [...CHECKSUM_ALGORITHMS] });
    for (const algorithm of CHECKSUM_ALGORITHMS) {
      assert.equal(tag(await xmlOf(signed(stock, 'getMeetings', '', algorithm)), 'returncode'), 'SUCCESS', algorithm);
    }
  });

  it('answers the API root without checksum with its version', async () => {
    const f = await fake({ version: '2.7.3' });
    const xml = await xmlOf(f.url);
    assert.equal(tag(xml, 'returncode'), 'SUCCESS');
    assert.equal(tag(xml, 'version'), '2.0');
    assert.equal(tag(xml, 'bbbVersion'), '2.7.3');
  });

  it('answers an unknown call unsupportedRequest', async () => {
    const f = await fake({});
    assert.equal(tag(await xmlOf(signed(f, 'setConfigXML', 'meetingID=ab')), 'messageKey'), 'unsupportedRequest');
  });
});
