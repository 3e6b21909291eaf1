/** The subtitle editor's small pure parts: cue times, shortcuts, warnings in words, the transcript search. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CUE_LIMITS } from '../../../../src/captions/format/cue.js';
import { fileNameOf } from '../../../../tool/src/api/captions-api.js';
import { editorActionForKey, SHORTCUT_LIST, type EditorKeyInfo } from '../../../../tool/src/captions/editor/caption-keys.js';
import { nextProblemIndex, stableWarnings, warningsByIndex, warningText } from '../../../../tool/src/captions/editor/cue-problems.js';
import { formatCueTime, parseCueTime } from '../../../../tool/src/captions/editor/cue-time.js';
import { fileSlug } from '../../../../tool/src/components/save-file.js';
import { languageName } from '../../../../tool/src/captions/language.js';
import { translatorFor } from '../../../../tool/src/i18n/i18n.js';
import { findMatches, foldForSearch, foldQuery, markedParts, transcriptIndexAt } from '../../../../tool/src/video/player/transcript-search.js';

describe('cue times', () => {
  it('reads m:ss.mmm, h:mm:ss.mmm, a decimal comma and whole seconds', () => {
    assert.equal(parseCueTime('1:05.250'), 65.25);
    assert.equal(parseCueTime(' 0:07,5 '), 7.5);
    assert.equal(parseCueTime('1:02:03.004'), 3723.004);
    assert.equal(parseCueTime('75:00'), 4500);
    for (const bad of ['', '65', '1:60', '1:61:00', '1:05.2500', 'abc', '-0:01']) assert.equal(parseCueTime(bad), null, bad);
  });

  it('writes them to the millisecond, with hours when the media needs them', () => {
    assert.equal(formatCueTime(65.25), '1:05.250');
    assert.equal(formatCueTime(0.0004), '0:00.000');
    assert.equal(formatCueTime(59.9996), '1:00.000');
    assert.equal(formatCueTime(12, 4000), '0:00:12.000');
    assert.equal(parseCueTime(formatCueTime(3723.004)), 3723.004);
  });
});

describe('editor shortcuts', () => {
  const press = (o: Partial<EditorKeyInfo>): EditorKeyInfo => ({ key: '', code: '', altKey: false, shiftKey: false, ctrlKey: false, metaKey: false, ...o });

  it('maps Alt+Shift+letter by character or physical key (a Mac types Í for Option+Shift+S)', () => {
    assert.equal(editorActionForKey(press({ key: 'S', code: 'KeyS', altKey: true, shiftKey: true })), 'set-start');
    assert.equal(editorActionForKey(press({ key: 'Í', code: 'KeyS', altKey: true, shiftKey: true })), 'set-start');
    assert.equal(editorActionForKey(press({ key: 'Enter', code: 'Enter', altKey: true, shiftKey: true })), 'split');
    assert.equal(editorActionForKey(press({ key: 'M', code: 'Semicolon', altKey: true, shiftKey: true })), 'merge', 'AZERTY: M is where QWERTY has ;');
    assert.equal(editorActionForKey(press({ key: 'K', code: 'KeyK', altKey: true, shiftKey: true })), 'play-pause');
  });

  it('leaves plain Alt, AltGr (Ctrl+Alt) and typing alone: é on a Mac is Option+E', () => {
    assert.equal(editorActionForKey(press({ key: '´', code: 'KeyE', altKey: true })), null);
    assert.equal(editorActionForKey(press({ key: '€', code: 'KeyE', altKey: true, ctrlKey: true })), null);
    assert.equal(editorActionForKey(press({ key: 'e', code: 'KeyE' })), null);
    assert.equal(editorActionForKey(press({ key: ' ', code: 'Space', altKey: true })), null, 'Alt+Space is the window menu');
  });

  it('undoes with Ctrl or ⌘ +Z, redoes with Shift or Ctrl+Y', () => {
    assert.equal(editorActionForKey(press({ key: 'z', code: 'KeyZ', ctrlKey: true })), 'undo');
    assert.equal(editorActionForKey(press({ key: 'z', code: 'KeyZ', metaKey: true })), 'undo');
    assert.equal(editorActionForKey(press({ key: 'Z', code: 'KeyZ', metaKey: true, shiftKey: true })), 'redo');
    assert.equal(editorActionForKey(press({ key: 'y', code: 'KeyY', ctrlKey: true })), 'redo');
    assert.equal(editorActionForKey(press({ key: 'w', code: 'KeyZ', ctrlKey: true })), 'undo', 'AZERTY: Z is where QWERTY has W');
  });

  it('lists every action once in the visible help', () => {
    assert.equal(new Set(SHORTCUT_LIST.map((s) => s.action)).size, SHORTCUT_LIST.length);
  });
});

describe('cue warnings', () => {
  it('groups checkCues by cue, and keeps unchanged lists as the same arrays', () => {
    const first = stableWarnings(warningsByIndex([{ index: 2, code: 'too-fast' }, { index: 2, code: 'too-fast' }, { index: 4, code: 'overlap' }]), new Map());
    assert.deepEqual([...first], [[2, ['too-fast']], [4, ['overlap']]]);
    const second = stableWarnings(warningsByIndex([{ index: 2, code: 'too-fast' }, { index: 4, code: 'empty' }]), first);
    assert.equal(second.get(2), first.get(2));
    assert.deepEqual(second.get(4), ['empty']);
  });

  it('says each warning with its limit, in French and English', () => {
    assert.equal(warningText('line-too-long', DEFAULT_CUE_LIMITS, translatorFor('en')), 'a line is longer than 42 characters.');
    assert.equal(warningText('too-fast', DEFAULT_CUE_LIMITS, translatorFor('fr')), 'trop rapide à lire\u00a0: plus de 20 caractères par seconde.');
  });

  it('goes to the next cue with a problem, round to the first', () => {
    assert.equal(nextProblemIndex([3, 8, 20], -1), 3);
    assert.equal(nextProblemIndex([3, 8, 20], 8), 20);
    assert.equal(nextProblemIndex([3, 8, 20], 20), 3);
    assert.equal(nextProblemIndex([], 0), -1);
  });
});

describe('transcript search', () => {
  it('ignores accents and case, and marks the text as written', () => {
    const texts = ['L’École de médecine', 'une ÉTUDE éclairée', 'rien'].map(foldForSearch);
    assert.deepEqual(findMatches(texts, 'ecole'), [{ cue: 0, start: 2, end: 7 }]);
    const perCue = [0, 1, 2].map((cue) => findMatches(texts, 'E').filter((m) => m.cue === cue).length);
    assert.deepEqual(perCue, [6, 6, 1], 'every e, é, É and E');
    assert.deepEqual(findMatches(texts, '   '), []);
    assert.equal(foldQuery('  Été  Chaud '), 'ete chaud');
  });

  it('maps matches back through decomposed accents and astral characters', () => {
    const decomposed = 'cafe\u0301 🎓 noël';
    const [match] = findMatches([foldForSearch(decomposed)], 'café');
    assert.equal(decomposed.slice(match!.start, match!.end), 'cafe\u0301');
    const [noel] = findMatches([foldForSearch(decomposed)], 'NOEL');
    assert.equal(decomposed.slice(noel!.start, noel!.end), 'noël');
    assert.deepEqual(markedParts('he was amiable', [{ start: 7, end: 14 }]), [
      { text: 'he was ', mark: false, index: -1 },
      { text: 'amiable', mark: true, index: 0 },
    ]);
  });

  it('marks the last cue started at the playback time', () => {
    const cues = [{ start: 0 }, { start: 2 }, { start: 5 }];
    assert.equal(transcriptIndexAt(cues, 4.9), 1);
    assert.equal(transcriptIndexAt(cues, 5), 2);
    assert.equal(transcriptIndexAt([{ start: 1 }], 0.5), -1);
  });
});

describe('captions files and languages', () => {
  it('reads the server’s file name, plain or UTF-8 encoded', () => {
    assert.equal(fileNameOf('attachment; filename="Cours 1.fr.vtt"'), 'Cours 1.fr.vtt');
    assert.equal(fileNameOf("attachment; filename=\"Cours .fr.vtt\"; filename*=UTF-8''Cours%20%C3%A9t%C3%A9.fr.vtt"), 'Cours été.fr.vtt');
    assert.equal(fileNameOf(null), null);
  });

  it('names files and languages for people', () => {
    assert.equal(fileSlug('Cours 3 : la membrane', 'captions'), 'cours-3-la-membrane');
    assert.equal(fileSlug('???', 'captions'), 'captions');
    assert.equal(languageName('fr', 'fr'), 'Français');
    assert.equal(languageName('en', 'fr'), 'Anglais');
    assert.equal(languageName('de', 'en'), 'German');
    assert.equal(languageName('de', 'de'), 'Deutsch', 'its own name, as students read it');
  });
});
