import type { Cue } from './cue.js';
import { visibleText } from './cue-rules.js';

/**
 * A track as a transcript to read or print: no times, cues run together into paragraphs. Cues cut
 * speech for the screen, not for reading, so their line breaks and boundaries are not kept.
 */

/** A silence this long (seconds) reads as a change of topic: a new paragraph. */
export const PARAGRAPH_PAUSE_SECONDS = 2;
/** Without such silences, a paragraph ends after this many sentences (at the end of a cue that ends one). */
export const SENTENCES_PER_PARAGRAPH = 6;

const VOICE = /<v(?:\.[^\s>]*)?[ \t]+([^>]+)>/;
const SENTENCE_END = /[.?!…]["'”’»)\]\s\u00a0]*$/;

/** The transcript: paragraphs separated by a blank line; a speaker named in a <v> tag opens a paragraph with their name. */
export function serializePlainText(cues: readonly Cue[]): string {
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let sentences = 0;
  let voice: string | null = null;
  let previousEnd = Number.NEGATIVE_INFINITY;
  for (const cue of cues) {
    const text = visibleText(cue.text).replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const cueVoice = VOICE.exec(cue.text)?.[1]?.trim() ?? null;
    const voiceChanged = cueVoice !== null && cueVoice !== voice;
    const lastText = paragraph.at(-1) ?? '';
    const longEnough = sentences >= SENTENCES_PER_PARAGRAPH && SENTENCE_END.test(lastText);
    if (paragraph.length > 0 && (cue.start - previousEnd >= PARAGRAPH_PAUSE_SECONDS || voiceChanged || longEnough)) {
      paragraphs.push(paragraph.join(' '));
      paragraph = [];
      sentences = 0;
    }
    if (voiceChanged || (paragraph.length === 0 && cueVoice !== null)) paragraph.push(`${cueVoice}:`);
    if (cueVoice !== null) voice = cueVoice;
    paragraph.push(text);
    sentences += text.split(/[.?!…]+(?=["'”’»)\]\s\u00a0]|$)/).length - 1;
    previousEnd = Math.max(previousEnd, cue.end);
  }
  if (paragraph.length > 0) paragraphs.push(paragraph.join(' '));
  return paragraphs.length === 0 ? '' : `${paragraphs.join('\n\n')}\n`;
}
