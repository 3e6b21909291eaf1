/** English strings added during the finishing pass (issue 17). */
export const addedDisplayEn = {
  'display.contrast': 'High contrast',
} as const;
