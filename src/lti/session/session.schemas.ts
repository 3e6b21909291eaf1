import { z } from 'zod';

/** PUT /api/session/locale: the language chosen in the page's switch. */
export const ChooseLocale = z.object({
  body: z.object({ locale: z.enum(['fr', 'en']) }).strict(),
});
