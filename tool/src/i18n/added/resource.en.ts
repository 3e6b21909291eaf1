/** English strings added during the finishing pass (issue 17). */
export const addedResourceEn = {
  // The learner's share, updated while playing ({percent} comes formatted: "42%").
  'player.watched': 'Watched: {percent}',
  'player.watched.completed': 'Watched: {percent}. Completed.',
  'player.status.soundOn': 'Sound on, volume {percent}',
  // The shortcuts, one line each: the keys, then what they do.
  'player.shortcuts.intro': 'When the player has focus:',
  'player.shortcuts.play.keys': 'Space or K',
  'player.shortcuts.play': 'play or pause',
  'player.shortcuts.seek5.keys': '← and →',
  'player.shortcuts.seek5': 'back or forward 5 seconds',
  'player.shortcuts.seek10.keys': 'J and L',
  'player.shortcuts.seek10': 'back or forward 10 seconds',
  'player.shortcuts.volume.keys': '↑ and ↓',
  'player.shortcuts.volume': 'volume up or down',
  'player.shortcuts.mute.keys': 'M',
  'player.shortcuts.mute': 'sound off or on',
  'player.shortcuts.fullscreen.keys': 'F',
  'player.shortcuts.fullscreen': 'full screen',
  'player.shortcuts.captions.keys': 'C',
  'player.shortcuts.captions': 'captions on or off',
  'player.shortcuts.ends.keys': 'Home and End',
  'player.shortcuts.ends': 'go to the start or the end',
  'player.shortcuts.jump.keys': '0 to 9',
  'player.shortcuts.jump': 'go to {from} to {to} of the video',
  // Upload and processing news ({percent} formatted).
  'videoEditor.upload.progressAt': 'Upload {percent} done.',
  'videoEditor.upload.pausedAt': 'Upload paused at {percent}.',
  'videoEditor.processing.progressAt': 'Conversion {percent} done.',
  // A gradebook column whose maximum the platform did not tell.
  'grades.lineItem.noMaximum': 'Gradebook column: {label}.',
} as const;
