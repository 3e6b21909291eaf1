import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeFetchFailure, describeNonXmlAnswer } from '../../../../src/classroom/bbb/bbb-transport.js';

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
    assert.equal(describeFetchFailure(new Error('boom'), 1), 'unreachable (boom)');
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
  });
});
