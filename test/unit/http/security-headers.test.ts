import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Response } from 'express';
import { allowFramingBy } from '../../../src/http/security-headers.js';

/** Just what allowFramingBy touches of a response. */
function fakeResponse(csp: string): Response & { csp: () => string } {
  const headers = new Map<string, string>([['content-security-policy', csp]]);
  return {
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    setHeader: (name: string, value: string) => headers.set(name.toLowerCase(), value),
    csp: () => headers.get('content-security-policy')!,
  } as unknown as Response & { csp: () => string };
}

describe('allowFramingBy', () => {
  it('adds the origins of the given URLs once each, keeping the other directives', () => {
    const res = fakeResponse("default-src 'self';frame-ancestors 'self';object-src 'none'");
    allowFramingBy(res, ['https://moodle.univ.example/mod/lti/auth.php', 'https://moodle.univ.example']);
    allowFramingBy(res, ['http://127.0.0.1:8080/x']);
    assert.equal(res.csp(), "default-src 'self';frame-ancestors 'self' https://moodle.univ.example http://127.0.0.1:8080;object-src 'none'");
  });

  it('lets nothing but an http(s) origin into the header', () => {
    const res = fakeResponse("frame-ancestors 'self';script-src 'self'");
    allowFramingBy(res, ['https://a.example; script-src *', "javascript:alert(1)", 'data:text/html,x', '*', "'unsafe-inline'", 'not a url']);
    assert.equal(res.csp(), "frame-ancestors 'self';script-src 'self'");
  });
});
