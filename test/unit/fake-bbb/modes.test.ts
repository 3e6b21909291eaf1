import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeBbb, type FakeBbb } from '../../support/fake-bbb/index.js';
import { signed, tag } from './fake-bbb-client.js';

let fake: FakeBbb;
before(async () => {
  fake = await startFakeBbb();
});
after(() => fake.close());

describe('fake BBB failure modes', () => {
  it('answers an HTML page with 200 in html mode, as a misconfigured proxy does', async () => {
    fake.setMode('html');
    const res = await fetch(signed(fake, 'getMeetings', ''));
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type')!, /^text\/html/);
    assert.match(await res.text(), /<html>/);
    const logged = fake.calls.at(-1)!;
    assert.deepEqual([logged.call, logged.ok, logged.messageKey], ['getMeetings', false, undefined]);
    assert.equal(fake.count('getMeetings'), 0);
    fake.setMode('ok');
  });

  it('answers 500 with an HTML page in http-500 mode', async () => {
    fake.setMode('http-500');
    const res = await fetch(signed(fake, 'isMeetingRunning', 'meetingID=ab'));
    assert.equal(res.status, 500);
    assert.match(await res.text(), /500 Internal Server Error/);
    fake.setMode('ok');
  });

  it('never answers in timeout mode, and answers again once back to ok', async () => {
    fake.setMode('timeout');
    await assert.rejects(fetch(signed(fake, 'getMeetings', ''), { signal: AbortSignal.timeout(300) }), { name: 'TimeoutError' });
    fake.setMode('ok');
    const xml = await (await fetch(signed(fake, 'getMeetings', ''))).text();
    assert.equal(tag(xml, 'returncode'), 'SUCCESS');
  });

  it('still answers correctly with a delay set', async () => {
    fake.setDelay(20);
    const xml = await (await fetch(signed(fake, 'create', 'name=Delayed&meetingID=delayed'))).text();
    assert.equal(tag(xml, 'returncode'), 'SUCCESS');
    fake.setDelay(0);
    assert.equal(fake.count('create'), 1);
  });

  it('closes even with a request left hanging', async () => {
    const other = await startFakeBbb();
    other.setMode('timeout');
    const hanging = fetch(signed(other, 'getMeetings', '')).catch((err: Error) => err);
    await new Promise((r) => setTimeout(r, 50));
    await other.close();
    assert.ok((await hanging) instanceof Error);
  });
});
