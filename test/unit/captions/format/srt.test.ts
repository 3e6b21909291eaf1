import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Cue } from '../../../../src/captions/format/cue.js';
import { parseSrt, serializeSrt } from '../../../../src/captions/format/srt.js';
import { CaptionFileError } from '../../../../src/captions/format/webvtt.js';

describe('parseSrt', () => {
  it('reads numbered blocks with CRLF line ends', () => {
    const file = '1\r\n00:00:01,000 --> 00:00:02,500\r\nBonjour\r\n\r\n2\r\n00:00:03,000 --> 00:00:05,000\r\n<i>Deux</i>\r\nlignes\r\n\r\n';
    assert.deepEqual(parseSrt(file), {
      cues: [
        { start: 1, end: 2.5, text: 'Bonjour' },
        { start: 3, end: 5, text: '<i>Deux</i>\nlignes' },
      ],
      repairs: [],
      cueNumbers: [1, 2],
    });
  });
  it('tolerates missing indices, blank lines inside a cue, none between cues, and dots', () => {
    const file = '00:00:01,000 --> 00:00:02,000\nSans numéro\n\n\nmais deux paragraphes\n7\n00:00:03.000 --> 00:00:04,000\nPoint\n00:00:05,000 --> 00:00:06,000\nCollé';
    const { cues, repairs } = parseSrt(file);
    assert.deepEqual(cues.map((c) => c.text), ['Sans numéro\nmais deux paragraphes', 'Point', 'Collé']);
    assert.deepEqual(repairs, [{ code: 'timestamp-repaired', cue: 2 }]);
  });
  it('removes <font> tags and ASS override blocks, drops coordinates and unreadable timings', () => {
    const file = '1\n00:00:01,000 --> 00:00:02,000 X1:100 X2:200 Y1:10 Y2:50\n{\\an8}<font color="#ffff00">En haut</font>\n\n2\n00:00:0x,000 --> 00:00:04,000\nCassé\n\n3\n00:00:05,000 --> 00:00:06,000\n{\\i1}Penché{\\i0}';
    const { cues, repairs } = parseSrt(file);
    assert.deepEqual(cues, [
      { start: 1, end: 2, text: 'En haut' },
      { start: 5, end: 6, text: 'Penché' },
    ]);
    assert.deepEqual(repairs.map((r) => `${r.cue}:${r.code}`), ['1:settings-dropped', '1:markup-removed', '2:cue-dropped-bad-timing', '3:markup-removed']);
  });
  it('refuses text without timings', () => {
    assert.throws(() => parseSrt('1\nBonjour\n'), (error) => error instanceof CaptionFileError && error.code === 'not-captions');
    assert.throws(() => parseSrt('1\n00:00:0x --> y\nBonjour\n'), (error) => error instanceof CaptionFileError && error.code === 'no-cues');
  });
});

describe('serializeSrt', () => {
  it('round-trips cues with b, i and u', () => {
    const cues: Cue[] = [
      { start: 0.5, end: 2, text: '<b>Gras</b> et <i>penché</i>' },
      { start: 2, end: 3661.001, text: 'Une heure\n<u>plus tard</u>' },
    ];
    const file = serializeSrt(cues);
    assert.match(file, /^1\n00:00:00,500 --> 00:00:02,000\n/);
    assert.match(file, /\n\n2\n00:00:02,000 --> 01:01:01,001\n/);
    assert.deepEqual(parseSrt(file), { cues, repairs: [], cueNumbers: [1, 2] });
  });
  it('writes WebVTT-only markup as plain text and leaves out empty cues', () => {
    const file = serializeSrt([
      { start: 0, end: 1, text: '<v Marie><c.yellow>Tom &amp; Jerry</c></v> <00:00:00.500>&lt;3' },
      { start: 1, end: 2, text: '<i></i>' },
      { start: 2, end: 3, text: 'a --> b' },
    ]);
    const { cues } = parseSrt(file);
    assert.deepEqual(cues.map((c) => c.text), ['Tom & Jerry <3', 'a -- > b']);
    assert.match(file, /\n\n2\n00:00:02,000/, 'numbering skips the empty cue');
  });
});
