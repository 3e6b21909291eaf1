import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CaptionRepair } from '../../../../src/captions/captions.view.js';
import {
  CaptionFileError,
  MAX_CUES,
  MAX_IMPORTED_CUE_SECONDS,
  REPAIRS_PER_CODE,
  readCaptionFile,
} from '../../../../src/captions/format/caption-file.js';
import { checkCues } from '../../../../src/captions/format/cue-rules.js';
import { DEFAULT_CUE_LIMITS } from '../../../../src/captions/format/cue.js';
import { formatTimestamp } from '../../../../src/captions/format/webvtt.js';

const options = { maxBytes: 5_000_000 };
const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (text: string, more: { durationSeconds?: number } = {}) => readCaptionFile(utf8(text), { ...options, ...more });
const summary = (repairs: CaptionRepair[]) => repairs.map((r) => `${r.cue ?? '-'}:${r.code}${r.detail ? `(${r.detail})` : ''}`);
const failsWith = (code: string, run: () => unknown) => assert.throws(run, (error) => error instanceof CaptionFileError && error.code === code);

/** windows-1252 bytes of Latin-1 text (what Windows' Notepad used to save French in). */
const WINDOWS_1252_EXTRA: Record<string, number> = { '€': 0x80, '’': 0x92, 'œ': 0x9c, '…': 0x85 };
const windows1252 = (text: string) => Uint8Array.from([...text].map((c) => WINDOWS_1252_EXTRA[c] ?? (c.codePointAt(0) as number)));
const utf16 = (text: string, endian: 'le' | 'be', bom = true) => {
  const body = Buffer.from(text, 'utf16le');
  if (endian === 'be') body.swap16();
  return new Uint8Array(bom ? Buffer.concat([Buffer.from(endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]) : body);
};

const frenchSrt = '1\r\n00:00:01,000 --> 00:00:03,000\r\nÀ l’école, les élèves étudient\r\n\r\n2\r\n00:00:03,500 --> 00:00:05,000\r\nle français et l\'œuvre de Molière.\r\n';

describe('readCaptionFile: format and encoding', () => {
  it('recognises WebVTT by its header and SRT by its blocks', () => {
    assert.equal(read('WEBVTT\n\n00:01.000 --> 00:02.000\nUn').format, 'vtt');
    assert.equal(read(frenchSrt).format, 'srt');
    const headerless = read('00:01.000 --> 00:02.000\nSans en-tête');
    assert.equal(headerless.format, 'vtt');
    assert.deepEqual(summary(headerless.repairs), ['-:header-added']);
    failsWith('not-captions', () => read('Bonjour, voici mes notes de cours.\n'));
  });
  it('reads UTF-8 with or without a byte order mark, silently', () => {
    const plain = read(frenchSrt);
    assert.equal(plain.cues[0]?.text, 'À l’école, les élèves étudient');
    assert.deepEqual(plain.repairs, []);
    const bom = readCaptionFile(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('WEBVTT\n\n00:01.000 --> 00:02.000\nÉté')]), options);
    assert.equal(bom.cues[0]?.text, 'Été');
  });
  it('reads windows-1252 and says so', () => {
    const result = readCaptionFile(windows1252('1\r\n00:00:01,000 --> 00:00:03,000\r\nÀ l’école, l’œuvre coûte 5 €…\r\n'), options);
    assert.equal(result.cues[0]?.text, 'À l’école, l’œuvre coûte 5 €…');
    assert.deepEqual(summary(result.repairs), ['-:encoding-converted(windows-1252)']);
  });
  it('reads UTF-16 in both byte orders, with or without a byte order mark', () => {
    for (const bytes of [utf16(frenchSrt, 'le'), utf16(frenchSrt, 'be'), utf16(frenchSrt, 'le', false), utf16(frenchSrt, 'be', false)]) {
      const result = readCaptionFile(bytes, options);
      assert.deepEqual(result.cues, read(frenchSrt).cues);
      assert.deepEqual(result.repairs, []);
    }
    failsWith('bad-encoding', () => readCaptionFile(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x41]), options));
  });
  it('refuses binary data and files over the size limit', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x01, 0x00]);
    failsWith('binary', () => readCaptionFile(png, options));
    const noisy = Uint8Array.from({ length: 4000 }, (_, k) => (k % 10 === 0 ? 0x01 : 0x41 + (k % 26)));
    failsWith('binary', () => readCaptionFile(noisy, options));
    failsWith('too-large', () => readCaptionFile(utf8(frenchSrt), { maxBytes: 10 }));
  });
});

describe('readCaptionFile: repairs', () => {
  it('removes scripts and handlers from cue text, keeping the words', () => {
    const result = read('WEBVTT\n\n00:01.000 --> 00:02.000\n<script>alert(1)</script>Texte <img src=x onerror=alert(1)>visible\n\n00:02.000 --> 00:03.000\n<b>Sûr</b>');
    assert.deepEqual(result.cues.map((c) => c.text), ['Texte visible', '<b>Sûr</b>']);
    assert.deepEqual(summary(result.repairs), ['1:markup-removed']);
    assert.doesNotMatch(JSON.stringify(result.cues), /<(?:script|img)/);
  });
  it('drops empty cues and cues with impossible times, keeping file numbers', () => {
    const file = [
      'WEBVTT', '',
      '00:01.000 --> 00:02.000', 'Bon', '',
      '00:03.000 --> 00:03.000', 'Sans durée', '',
      '00:04.000 --> 00:05.000', '<i> </i>', '',
      '00:06.000 --> 00:05.000', 'À l’envers', '',
      '00:07.000 --> 00:08.000', 'Bon aussi', '',
      '10:00.000 --> 10:02.000', 'Après la fin', '',
      '00:09.000 --> 01:00.000', 'Déborde',
    ].join('\n');
    const result = read(file, { durationSeconds: 20 });
    assert.deepEqual(result.cues.map((c) => c.text), ['Bon', 'Bon aussi', 'Déborde']);
    assert.equal(result.cues[2]?.end, 21, 'brought back to the media end and its tolerance');
    assert.deepEqual(summary(result.repairs), ['2:cue-dropped-bad-timing', '3:cue-dropped-empty', '4:cue-dropped-bad-timing', '6:cue-dropped-bad-timing', '7:duration-shortened']);
  });
  it('sorts, trims overlaps, and shortens a cue of minutes', () => {
    const file = [
      'WEBVTT', '',
      '00:10.000 --> 00:12.000', 'Trois', '',
      '00:01.000 --> 00:05.000', 'Un', '',
      '00:04.000 --> 00:06.000', 'Deux', '',
      '00:12.000 --> 00:12.500', 'Quatre', '',
      '00:12.050 --> 00:13.000', 'Cinq', '',
      '00:20.000 --> 00:30:00.000', 'Interminable',
    ].join('\n');
    const result = read(file);
    assert.deepEqual(result.cues.map((c) => c.text), ['Un', 'Deux', 'Trois', 'Cinq', 'Interminable']);
    assert.deepEqual(result.cues[0], { start: 1, end: 4, text: 'Un' });
    assert.equal(result.cues[4]?.end, 20 + MAX_IMPORTED_CUE_SECONDS);
    assert.deepEqual(summary(result.repairs), ['-:order-sorted', '2:overlap-trimmed', '4:cue-dropped-bad-timing(overlap)', '6:duration-shortened']);
    assert.deepEqual(checkCues(result.cues, DEFAULT_CUE_LIMITS).filter((w) => w.code === 'overlap'), []);
  });
  it('sums up a huge broken file instead of listing every repair', () => {
    const blocks = Array.from({ length: 400 }, (_, k) => `${k + 1}\n00:${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}.000 --> 00:${String(Math.floor(k / 60)).padStart(2, '0')}:${String(k % 60).padStart(2, '0')}.900\n<font color=red>Cue ${k}</font>`);
    const result = read(blocks.join('\n\n'));
    assert.equal(result.cues.length, 400);
    const byCode = (code: CaptionRepair['code']) => result.repairs.filter((r) => r.code === code);
    assert.equal(byCode('timestamp-repaired').length, REPAIRS_PER_CODE + 1);
    assert.deepEqual(byCode('timestamp-repaired').at(-1), { code: 'timestamp-repaired', cue: null, detail: `and ${400 - REPAIRS_PER_CODE} more` });
    assert.equal(byCode('markup-removed').length, REPAIRS_PER_CODE + 1);
  });
  it('refuses files with too many cues or none left', () => {
    const many = Array.from({ length: MAX_CUES + 1 }, (_, k) => `${formatTimestamp(k)} --> ${formatTimestamp(k + 0.5)}\nx`);
    failsWith('too-large', () => read(`WEBVTT\n\n${many.join('\n\n')}`));
    failsWith('no-cues', () => read('WEBVTT\n\n00:01.000 --> 00:02.000\n<i></i>'));
    failsWith('no-cues', () => read('WEBVTT\n\n00:02.000 --> 00:01.000\nÀ l’envers'));
  });
});
