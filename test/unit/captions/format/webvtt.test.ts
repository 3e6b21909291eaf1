import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cue } from '../../../../src/captions/format/cue.js';
import { CaptionFileError, formatTimestamp, parseTimestamp, parseWebVtt, serializeWebVtt } from '../../../../src/captions/format/webvtt.js';

const codes = (text: string) => parseWebVtt(text).repairs.map((r) => `${r.cue ?? '-'}:${r.code}`);

describe('WebVTT timestamps', () => {
  it('reads both spec forms and repairs the near misses', () => {
    assert.deepEqual(parseTimestamp('01:02:03.004', '.'), { seconds: 3723.004, repaired: false });
    assert.deepEqual(parseTimestamp('02:03.450', '.'), { seconds: 123.45, repaired: false });
    assert.deepEqual(parseTimestamp('123:00:00.000', '.'), { seconds: 442800, repaired: false });
    for (const [raw, seconds] of [['00:00:01,500', 1.5], ['0:00:01.5', 1.5], ['00:01.25', 1.25], ['00:00:07', 7], ['0:1.0', 1]] as const) {
      assert.deepEqual(parseTimestamp(raw, '.'), { seconds, repaired: true }, raw);
    }
    for (const bad of ['', '00:60.000', '00:00:60.000', 'a:00.000', '00:00.000.000', '-00:01.000']) assert.equal(parseTimestamp(bad, '.'), null, bad);
  });
  it('writes hours, minutes, seconds and milliseconds', () => {
    assert.equal(formatTimestamp(3723.0045), '01:02:03.005');
    assert.equal(formatTimestamp(0.1 + 0.2), '00:00:00.300');
    assert.equal(formatTimestamp(59.9996, ','), '00:01:00,000');
    assert.equal(formatTimestamp(100 * 3600), '100:00:00.000');
  });
});

describe('parseWebVtt', () => {
  it("reads the spec's example with identifiers, a header text, NOTE, STYLE and REGION blocks", () => {
    const file = [
      'WEBVTT - Cours de biologie',
      'Kind: captions',
      '',
      'STYLE',
      '::cue { color: yellow }',
      '',
      'REGION',
      'id:fred width:40%',
      '',
      'NOTE une note',
      'sur deux lignes',
      '',
      'intro',
      '00:11.000 --> 00:13.000',
      '<v Roger Bingham>We are in New York City',
      '',
      '2',
      '00:00:13.000 --> 00:00:16.000',
      'We’re actually at the Lucern Hotel,',
      'just down the street',
      '',
      'NOTE',
      'a closing note',
      '',
      '01:00:18.000 --> 01:00:20.500',
      'from the American Museum',
    ].join('\r\n');
    const { cues, repairs, cueNumbers } = parseWebVtt(file);
    assert.deepEqual(cues, [
      { start: 11, end: 13, text: '<v Roger Bingham>We are in New York City' },
      { start: 13, end: 16, text: 'We’re actually at the Lucern Hotel,\njust down the street' },
      { start: 3618, end: 3620.5, text: 'from the American Museum' },
    ]);
    assert.deepEqual(repairs, []);
    assert.deepEqual(cueNumbers, [1, 2, 3]);
  });
  it('drops cue settings and reports repaired timestamps by cue number', () => {
    const file = 'WEBVTT\n\n00:01.000 --> 00:02.000 line:0 position:20% align:start\nHaut\n\n00:00:02,500 --> 00:00:04,000\nVirgule\n\n00:05.000 --> 00:04.x\nCassé\n\n00:06.000 --> 00:07.000\nFin';
    const { cues, repairs } = parseWebVtt(file);
    assert.deepEqual(cues.map((c) => c.text), ['Haut', 'Virgule', 'Fin']);
    assert.deepEqual(repairs.map((r) => `${r.cue}:${r.code}`), ['1:settings-dropped', '2:timestamp-repaired', '3:cue-dropped-bad-timing']);
  });
  it('ends a cue at a line with an arrow, as the spec does', () => {
    const { cues } = parseWebVtt('WEBVTT\n\n00:01.000 --> 00:02.000\nun\n00:02.000 --> 00:03.000\ndeux');
    assert.deepEqual(cues.map((c) => c.text), ['un', 'deux']);
  });
  it('adds a missing header, and refuses what is no WebVTT', () => {
    assert.deepEqual(codes('00:01.000 --> 00:02.000\nSans en-tête'), ['-:header-added']);
    assert.throws(() => parseWebVtt('Bonjour\nceci est un texte'), (error) => error instanceof CaptionFileError && error.code === 'not-captions');
    assert.throws(() => parseWebVtt('WEBVTT\n\nNOTE rien'), (error) => error instanceof CaptionFileError && error.code === 'no-cues');
    assert.throws(() => parseWebVtt('WEBVTTX\n\nrien'), (error) => error instanceof CaptionFileError && error.code === 'not-captions');
  });
});

describe('serializeWebVtt', () => {
  it('round-trips cues, tags and all', () => {
    const cues: Cue[] = [
      { start: 0, end: 1.5, text: '<i>Bonjour</i> &amp; bienvenue' },
      { start: 1.5, end: 4.25, text: 'Deux\nlignes' },
      { start: 3725.125, end: 3730, text: '<v Marie>Après une heure' },
    ];
    const file = serializeWebVtt(cues);
    assert.match(file, /^WEBVTT\n\n00:00:00\.000 --> 00:00:01\.500\n/);
    assert.deepEqual(parseWebVtt(file), { cues, repairs: [], cueNumbers: [1, 2, 3] });
  });
  it('never lets a cue text end its cue or start another', () => {
    const file = serializeWebVtt([{ start: 0, end: 1, text: 'a\n\nb --> c' }, { start: 1, end: 2, text: '' }, { start: 2, end: 3, text: 'd' }]);
    assert.deepEqual(parseWebVtt(file).cues, [{ start: 0, end: 1, text: 'a\nb --&gt; c' }, { start: 1, end: 2, text: '' }, { start: 2, end: 3, text: 'd' }]);
  });
});
