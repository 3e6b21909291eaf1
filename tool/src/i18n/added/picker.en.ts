/** English strings added during the finishing pass (issue 17). */
export const addedPickerEn = {
  'picker.current': 'Current content',
  'picker.video.noMedia': 'No video uploaded yet',
  'picker.video.duration': 'Length: {duration}',
} as const;
