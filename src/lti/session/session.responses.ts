import { z } from 'zod';
import type { SessionResponse } from './session-view.js';
import type { chooseLocale } from './session.service.js';

/**
 * Wire schemas of the session API, for the API description (src/openapi). The type checks at
 * the end make tsc refuse a change to the answer that this description does not follow.
 */

const ResourceKind = z.enum(['video', 'classroom', 'dashboard']);
const DocumentTarget = z.enum(['iframe', 'window']);

export const DeepLinkingOptionsSchema = z.object({
  acceptMultiple: z.boolean(),
  acceptLineItem: z.boolean(),
  editor: z.boolean(),
  selectedResourceIds: z.array(z.string()),
  autoCreate: z.boolean(),
  documentTargets: z.array(DocumentTarget),
  acceptsResourceLinks: z.boolean(),
  title: z.string().nullable(),
  text: z.string().nullable(),
});

export const LaunchRouteSchema = z.discriminatedUnion('name', [
  z.object({ name: z.literal('resource'), resourceId: z.string(), kind: ResourceKind, readOnly: z.boolean() }),
  z.object({ name: z.literal('unconfigured'), missingResource: z.boolean() }),
  z.object({ name: z.literal('deep-linking'), options: DeepLinkingOptionsSchema }),
]);

/** GET /api/session, PUT /api/resource-link/resource. */
export const SessionResponseSchema = z.object({
    role: z.enum(['admin', 'instructor', 'learner']),
    locale: z.enum(['fr', 'en']),
    messageType: z.string(),
    route: LaunchRouteSchema,
    platform: z.object({ name: z.string() }),
    user: z.object({ name: z.string().nullable(), givenName: z.string().nullable(), familyName: z.string().nullable(), email: z.string().nullable() }).nullable(),
    context: z.object({ title: z.string().nullable(), label: z.string().nullable() }).nullable(),
    resourceLink: z.object({ title: z.string().nullable() }).nullable(),
    inText: z.boolean(),
    returnUrl: z.string().nullable(),
    expiresAt: z.string(),
});

/** POST /api/session/refresh. */
export const RefreshedTokenSchema = z.object({ token: z.string(), tokenExpiresAt: z.string() });

/** PUT /api/session/locale. */
export const ChosenLocaleSchema = z.object({ locale: z.enum(['fr', 'en']), remembered: z.boolean() });

/** T fits U, and names no top-level key U does not describe. */
type Fits<T extends U & Record<Exclude<keyof T, keyof U>, never>, U> = T;
export type SessionResponseFits = Fits<SessionResponse, z.input<typeof SessionResponseSchema>>;
export type ChosenLocaleFits = Fits<Awaited<ReturnType<typeof chooseLocale>>, z.input<typeof ChosenLocaleSchema>>;
