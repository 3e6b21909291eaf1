import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { boundaryParameter, parseMultipart } from '../../../../src/lrs/attachments/multipart-body.js';
import { XapiError } from '../../../../src/lrs/xapi/xapi-error.js';

const TYPE = 'multipart/mixed; boundary=abc';

function rejects(body: string | Buffer, type: string | undefined, reason: RegExp) {
  assert.throws(
    () => parseMultipart(Buffer.from(body), type),
    (err: unknown) => err instanceof XapiError && err.status === 400 && reason.test(String(err.params.reason)),
  );
}

describe('multipart body (RFC 2046 5.1.1)', () => {
  it('reads the boundary parameter, quoted or not, wherever it is among the parameters', () => {
    assert.equal(boundaryParameter('multipart/mixed; boundary=-------314159265358979323846'), '-------314159265358979323846');
    assert.equal(boundaryParameter('multipart/mixed;boundary="a b;c"'), 'a b;c');
    assert.equal(boundaryParameter('multipart/mixed; charset=utf-8; BOUNDARY = xyz ; other=1'), 'xyz');
    assert.equal(boundaryParameter('multipart/mixed;'), undefined);
    assert.equal(boundaryParameter('multipart/mixed; boundary=""'), undefined);
    assert.equal(boundaryParameter(undefined), undefined);
  });

  it('splits parts, ignoring the preamble and the epilogue, keeping binary content byte for byte', () => {
    const binary = Buffer.from([0x00, 0xff, 0x0d, 0x0a, 0x2d, 0x2d, 0x61, 0x62, 0x0d, 0x0a]); // contains CRLF and "--ab"
    const body = Buffer.concat([
      Buffer.from('This is the preamble.\r\n--abc\r\nContent-Type: application/json\r\n\r\n{"a":1}\r\n--abc  \r\nX-Experience-API-Hash: 00\r\nContent-Type: image/png\r\n\r\n'),
      binary,
      Buffer.from('\r\n--abc--\r\nThis is the epilogue.\r\n--abc\r\nignored'),
    ]);
    const parts = parseMultipart(body, TYPE);
    assert.equal(parts.length, 2);
    assert.deepEqual(parts[0]!.headers, { 'content-type': 'application/json' });
    assert.equal(parts[0]!.content.toString(), '{"a":1}');
    assert.deepEqual(parts[1]!.headers, { 'x-experience-api-hash': '00', 'content-type': 'image/png' });
    assert.deepEqual(parts[1]!.content, binary);
  });

  it('takes a first delimiter at the very start, or after a CRLF that opens the body (helper.js#signStatement)', () => {
    assert.equal(parseMultipart(Buffer.from('--abc\r\n\r\nx\r\n--abc--'), TYPE)[0]!.content.toString(), 'x');
    const parts = parseMultipart(Buffer.from('\r\n--abc\r\nContent-Type:application/json\r\n\r\n[]\r\n--abc--'), TYPE);
    assert.deepEqual(parts[0]!.headers, { 'content-type': 'application/json' });
    assert.equal(parts[0]!.content.toString(), '[]');
  });

  it('reads a part without headers, empty content, folded header lines, and the first of repeated headers', () => {
    const parts = parseMultipart(
      Buffer.from('--abc\r\n\r\nno headers\r\n--abc\r\nContent-Type: text/plain;\r\n charset=ascii\r\nX-A: 1\r\nx-a: 2\r\n\r\n\r\n--abc--'),
      TYPE,
    );
    assert.deepEqual(parts[0], { headers: {}, content: Buffer.from('no headers') });
    assert.deepEqual(parts[1]!.headers, { 'content-type': 'text/plain; charset=ascii', 'x-a': '1' });
    assert.equal(parts[1]!.content.length, 0);
  });

  it('refuses a Content-Type without a boundary', () => {
    rejects('--abc\r\n\r\nx\r\n--abc--', 'multipart/mixed;', /needs a boundary parameter/);
    rejects('--abc\r\n\r\nx\r\n--abc--', undefined, /needs a boundary parameter/);
  });

  it('refuses a body in which the boundary never opens a line', () => {
    rejects('Content-Type: application/json\r\n\r\n{}\r\n', TYPE, /no boundary line "--abc"/);
    rejects('x--abc\r\n\r\n{}\r\n--abc--', 'multipart/mixed; boundary=zzz', /no boundary line "--zzz"/);
  });

  it('refuses a body without its close delimiter (a truncated upload)', () => {
    rejects('--abc\r\nContent-Type: application/json\r\n\r\n{}', TYPE, /does not end with the close delimiter "--abc--"/);
    rejects('--abc\r\nContent-Type: application/json\r\n\r\n{}\r\n--abc\r\n\r\nmore', TYPE, /close delimiter/);
  });

  it('refuses a boundary line with more on it than transport padding', () => {
    rejects('--abc\r\n\r\nx\r\n--abcdef\r\n\r\ny\r\n--abc--', TYPE, /must end the line it is on/);
  });

  it('refuses a body whose only delimiter is the close one', () => {
    rejects('--abc--\r\n', TYPE, /no parts/);
  });

  it('refuses a part whose headers do not end with an empty line, or with a line that is not a header', () => {
    rejects('--abc\r\nContent-Type: text/plain\r\n--abc--', TYPE, /Part 1 .* no empty line after its headers/);
    rejects('--abc\r\n\r\nx\r\n--abc\r\nnot a header\r\n\r\ny\r\n--abc--', TYPE, /Part 2 .* malformed header line "not a header"/);
    rejects('--abc\r\n: empty name\r\n\r\ny\r\n--abc--', TYPE, /malformed header line/);
  });
});
