/** English strings of the player's transcript (spread into i18n/en.ts). */
export const transcriptEn = {
  'transcript.toggle': 'Transcript',
  'transcript.heading': 'Transcript',
  'transcript.loading': 'Loading the transcript…',
  'transcript.error': 'The transcript could not be loaded.',
  'transcript.empty': 'This transcript is empty.',
  'transcript.language': 'Language',
  'transcript.list': 'Transcript: {label}. Choose a sentence to play the video from there.',
  'transcript.search': 'Search the transcript',
  'transcript.results': 'Match {current} of {total}',
  'transcript.results.none': 'No match',
  'transcript.previous': 'Previous',
  'transcript.next': 'Next',
  'transcript.download.text': 'Download as text',
  'transcript.download.vtt': 'Download as WebVTT',
} as const;
