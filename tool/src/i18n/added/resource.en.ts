/** English strings added during the finishing pass (issue 17). */
export const addedResourceEn = {
} as const;
