import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFetchFailure, describeNonXmlAnswer } from '../../../../src/classroom/bbb/bbb-transport.js';
import { OutboundError } from '../../../../src/http/outbound.js';
import { concealInternalNames } from '../../../../src/http/outbound-errors.js';

function fetchFailed(code: string): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code}`), { code }) });
}

describe('why a call to BBB failed', () => {
  it('names timeouts with the limit, whether the signal or the socket gave up', () => {
    assert.equal(describeFetchFailure(new DOMException('The operation was aborted due to timeout', 'TimeoutError'), 5000), 'no answer within 5000 ms');
    assert.equal(describeFetchFailure(fetchFailed('UND_ERR_CONNECT_TIMEOUT'), 800), 'no answer within 800 ms');
  });
  it('names the usual network failures in words an administrator can act on', () => {
    assert.equal(describeFetchFailure(fetchFailed('ECONNREFUSED'), 1), 'connection refused');
    assert.equal(describeFetchFailure(fetchFailed('ENOTFOUND'), 1), 'host name not found');
    assert.equal(describeFetchFailure(fetchFailed('ECONNRESET'), 1), 'connection closed before an answer');
    assert.equal(describeFetchFailure(fetchFailed('EHOSTUNREACH'), 1), 'host unreachable');
    assert.equal(describeFetchFailure(fetchFailed('CERT_HAS_EXPIRED'), 1), 'TLS certificate refused (CERT_HAS_EXPIRED)');
    assert.equal(describeFetchFailure(fetchFailed('EPROTO'), 1), 'unreachable (EPROTO)');
    assert.equal(describeFetchFailure(new Error('<html>internal page</html>'), 1), 'unreachable', 'an error text is never repeated');
  });
  it('says what the outbound client refused, in its classified words', () => {
    const wrapped = (code: string) => new OutboundError('unreachable', undefined, { cause: fetchFailed(code) });
    assert.equal(describeFetchFailure(wrapped('ECONNREFUSED'), 1), 'connection refused');
    assert.equal(describeFetchFailure(new OutboundError('timeout'), 700), 'no answer within 700 ms');
    assert.match(describeFetchFailure(new OutboundError('address-refused'), 1), /loopback, private, link-local or reserved and not in OUTBOUND_ALLOW/);
    assert.match(describeFetchFailure(new OutboundError('redirect-refused', 'answered with a redirect (HTTP 302), which is not followed'), 1), /redirect \(HTTP 302\)/);
    assert.equal(describeFetchFailure(new OutboundError('too-large', 'the answer is larger than 16 bytes'), 1), 'the answer is larger than 16 bytes');
  });
  it('keeps a web URL\'s unknown name and refused address alike, though the cause names ENOTFOUND', () => {
    const unknown = concealInternalNames(new OutboundError('dns-failed', undefined, { cause: fetchFailed('ENOTFOUND') }), 'web');
    const inside = concealInternalNames(new OutboundError('address-refused'), 'web');
    assert.equal(describeFetchFailure(unknown, 1), describeFetchFailure(inside, 1));
    assert.match(describeFetchFailure(unknown, 1), /^not reachable from Amphi/);
    assert.equal(describeFetchFailure(concealInternalNames(new OutboundError('dns-failed', undefined, { cause: fetchFailed('ENOTFOUND') }), 'operator'), 1), 'host name not found');
  });
});

describe('why an answer was not BBB\'s', () => {
  it('names HTML pages, HTTP errors and other content', () => {
    assert.equal(describeNonXmlAnswer(200, 'text/html; charset=utf-8'), "answered text/html, not BBB's XML (HTTP 200)");
    assert.equal(describeNonXmlAnswer(502, 'text/html'), "answered text/html, not BBB's XML (HTTP 502)");
    assert.equal(describeNonXmlAnswer(502, ''), 'HTTP 502');
    assert.equal(describeNonXmlAnswer(404, 'text/plain'), 'HTTP 404');
    assert.equal(describeNonXmlAnswer(200, 'application/json'), "answered something that is not BBB's XML (HTTP 200, application/json)");
    assert.equal(describeNonXmlAnswer(200, ''), "answered something that is not BBB's XML (HTTP 200)");
    assert.equal(describeNonXmlAnswer(200, 'text/x; secret=<b>root password</b>'), "answered something that is not BBB's XML (HTTP 200, text/x)");
    assert.equal(describeNonXmlAnswer(200, 'the password is hunter2'), "answered something that is not BBB's XML (HTTP 200)", 'a content type that is not one is not repeated');
  });
});
