import { z } from 'zod';
import type { Person } from '../agents/agents.resource.js';

/**
 * Bodies the LRS answers, for the API description (src/openapi). The LRS checks statements with
 * its own validator (statements/validation/), not zod: these schemas name the keys xAPI 1.0.3
 * requires and leave the rest open, as the spec's own objects are (extensions, definitions).
 */

/** Data 2.4: the LRS always sets id, stored, timestamp, authority and version on what it returns. */
export const StatementSchema = z.looseObject({
  id: z.uuid(),
  actor: z.looseObject({}),
  verb: z.looseObject({ id: z.string() }),
  object: z.looseObject({}),
  stored: z.string(),
  timestamp: z.string(),
  authority: z.looseObject({}),
  version: z.string().optional(),
});

/** Data 2.5: a page of statements; `more` is the relative IRL of the next page, or empty. */
export const StatementResultSchema = z.object({ statements: z.array(StatementSchema), more: z.string() });

/** POST /statements: the ids of the stored statements, in the order sent. */
export const StatementIdsSchema = z.array(z.uuid());

/** Communication 2.8. */
export const AboutSchema = z.looseObject({ version: z.array(z.string()).min(1), extensions: z.record(z.string(), z.unknown()).optional() });

/** Communication 2.5: the Activity Object, with its canonical definition when the LRS holds one. */
export const ActivitySchema = z.looseObject({ objectType: z.literal('Activity'), id: z.string(), definition: z.looseObject({}).optional() });

/** Communication 2.6: the Person Object gathers every identifier known for the agent. */
export const PersonSchema = z.object({
  objectType: z.literal('Person'),
  name: z.array(z.string()).optional(),
  mbox: z.array(z.string()).optional(),
  mbox_sha1sum: z.array(z.string()).optional(),
  openid: z.array(z.string()).optional(),
  account: z.array(z.object({ homePage: z.string(), name: z.string() })).optional(),
});

/** GET of a document resource without its id: the ids stored (Communication 2.3, 2.7). */
export const DocumentIdsSchema = z.array(z.string());

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type PersonFits = Fits<Person, z.input<typeof PersonSchema>>;
