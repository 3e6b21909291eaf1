import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findLink, parseLinkHeader } from '../../../src/lti/services/link-header.js';

const BASE = 'https://moodle.example/mod/lti/services.php/CourseSection/5/bindings/1/memberships';

describe('Link header (RFC 8288)', () => {
  it('finds next among several links, whatever their order', () => {
    const links = parseLinkHeader(
      '<https://moodle.example/m?page=1>; rel="first", <https://moodle.example/m?page=3>; rel="next", <https://moodle.example/m?since=9>; rel="differences"',
      BASE,
    );
    assert.deepEqual(
      links.map((l) => [l.rel, l.href]),
      [
        [['first'], 'https://moodle.example/m?page=1'],
        [['next'], 'https://moodle.example/m?page=3'],
        [['differences'], 'https://moodle.example/m?since=9'],
      ],
    );
    assert.equal(findLink(links, 'next'), 'https://moodle.example/m?page=3');
  });

  it('reads bare and quoted rel, in any case, with several relation types in one rel', () => {
    assert.equal(findLink(parseLinkHeader('<https://a.example/2>; rel=next', BASE), 'next'), 'https://a.example/2');
    assert.equal(findLink(parseLinkHeader('<https://a.example/2>; REL="Next"', BASE), 'next'), 'https://a.example/2');
    assert.equal(findLink(parseLinkHeader('<https://a.example/9>; rel="last next"', BASE), 'next'), 'https://a.example/9');
    assert.equal(findLink(parseLinkHeader('<https://a.example/9>; rel="nextpage"', BASE), 'next'), undefined);
  });

  it('resolves relative targets against the URL of the page that carried them', () => {
    assert.equal(findLink(parseLinkHeader('<?page=2>; rel="next"', BASE), 'next'), `${BASE}?page=2`);
    assert.equal(findLink(parseLinkHeader('</mod/lti/m?page=2>; rel="next"', BASE), 'next'), 'https://moodle.example/mod/lti/m?page=2');
  });

  it('keeps commas and semicolons inside the URI and inside quoted values', () => {
    const links = parseLinkHeader('<https://a.example/m?ids=1,2;x=3>; title="a, b; c"; rel="next", <https://a.example/p>; rel=prev', BASE);
    assert.equal(links.length, 2);
    assert.equal(findLink(links, 'next'), 'https://a.example/m?ids=1,2;x=3');
    assert.equal(links[0]!.params.title, 'a, b; c');
    assert.equal(findLink(links, 'prev'), 'https://a.example/p');
  });

  it('unescapes quoted-pairs and keeps only the first rel', () => {
    const [link] = parseLinkHeader('<https://a.example/2>; title="say \\"hi\\""; rel="next"; rel="prev"', BASE);
    assert.equal(link!.params.title, 'say "hi"');
    assert.deepEqual(link!.rel, ['next']);
  });

  it('skips garbage and links without rel, and answers nothing for an absent header', () => {
    assert.deepEqual(parseLinkHeader(null, BASE), []);
    assert.deepEqual(parseLinkHeader('', BASE), []);
    const links = parseLinkHeader('garbage, "quoted, junk", <https://a.example/x>, <https://a.example/2>; rel="next"', BASE);
    assert.equal(findLink(links, 'next'), 'https://a.example/2');
    assert.deepEqual(links[0]!.rel, []);
    assert.deepEqual(parseLinkHeader('<https://a.example/unclosed; rel="next"', BASE), []);
  });

  it('reads the links of several Link headers, as fetch joins them', () => {
    const headers = new Headers();
    headers.append('Link', '<https://a.example/1>; rel="first"');
    headers.append('Link', '<https://a.example/2>; rel="next"');
    assert.equal(findLink(parseLinkHeader(headers.get('link'), BASE), 'next'), 'https://a.example/2');
  });
});
