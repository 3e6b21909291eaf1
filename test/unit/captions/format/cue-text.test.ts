import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sanitizeCueText } from '../../../../src/captions/format/cue-text.js';

const clean = (text: string) => sanitizeCueText(text).text;

/** No tag but the spec's survives: checked on any output. */
function assertOnlyAllowedTags(text: string) {
  for (const tag of text.match(/<[^>]*>/g) ?? []) {
    assert.match(tag, /^<(?:\/?(?:b|i|u|c|v|lang|ruby|rt)|(?:b|i|u|c|ruby|rt)(?:\.[\w-]+)*|v(?:\.[\w-]+)* [^<>&]*|lang(?:\.[\w-]+)* [A-Za-z0-9-]+|\d{2,}:\d{2}:\d{2}\.\d{3}|\d{2}:\d{2}\.\d{3})>$/, tag);
  }
}

describe('sanitizeCueText', () => {
  it('keeps what the WebVTT spec allows, unchanged', () => {
    const allowed = '<v Marie Curie><b>Bonjour</b> <i>à</i> <u>tous</u></v>\n<c.yellow.big>&lt;3 &amp; &nbsp;&lrm;&rlm;&gt;</c> <lang en-GB>hi</lang> <ruby>漢<rt>kan</rt></ruby> <00:00:01.500>next';
    assert.deepEqual(sanitizeCueText(allowed), { text: allowed, changed: false });
  });
  it('removes scripts, event handlers, links and fonts, keeping their text', () => {
    const result = sanitizeCueText('<script>alert(1)</script> <img src=x onerror=alert(1)><a href="javascript:x()">lien</a> <font color="red">rouge</font> <iframe src=//evil>');
    assert.equal(result.changed, true);
    assert.equal(result.text, 'lien rouge', 'a script goes with its body: code is not speech');
    assertOnlyAllowedTags(result.text);
    for (const attack of ['<svg/onload=alert(1)>x', '<<script>script>x', '<scr<script>ipt>', '<!-- <script> -->y', '<b onclick="x">z</b>', '<v a"><img src=x>']) {
      const out = clean(attack);
      assertOnlyAllowedTags(out);
      assert.doesNotMatch(out, /<(?!\/?(?:b|i|u|c|v|lang|ruby|rt)\b|\d)/, attack);
    }
  });
  it('drops attributes and unknown classes from allowed tags', () => {
    assert.deepEqual(sanitizeCueText('<b style="color:red">gras</b>'), { text: '<b>gras</b>', changed: true });
    assert.equal(clean('<c.ok.b"ad>x</c>'), '<c.ok>x</c>');
    assert.equal(clean('<B>Cap</B>'), '<b>Cap</b>');
  });
  it('escapes a stray < or & and decodes other entities', () => {
    assert.deepEqual(sanitizeCueText('a < b & c <3'), { text: 'a &lt; b &amp; c &lt;3', changed: false });
    assert.equal(clean('Caf&eacute; &#233;t&#xE9; &copy2 &bogus;'), 'Café été &amp;copy2 &amp;bogus;');
    assert.equal(clean('&#60;script&#62;'), '&lt;script&gt;', 'a decoded < is escaped again');
    assert.equal(clean('a --> b'), 'a --&gt; b', 'an arrow would end the cue in a file');
  });
  it('normalises lines and composes accents', () => {
    assert.equal(clean('  une ligne  \r\n\r\n\tdeux   lignes \rtrois\u0007'), 'une ligne\ndeux lignes\ntrois');
    assert.equal(clean('e\u0301te\u0301'), 'été');
    assert.equal(clean('e\u0301te\u0301').length, 3);
  });
});
