/** English strings added during the finishing pass (issue 17). */
export const addedPickerEn = {
} as const;
