import { z } from 'zod';

const Lang = z.enum(['fr', 'en']).optional();

/** Who opens an activity: `as=teacher`, or `as=learner&n=3` (rank on the course list, from 1). */
const Actor = z.discriminatedUnion('as', [
  z.object({ as: z.literal('teacher'), lang: Lang }),
  z.object({ as: z.literal('learner'), n: z.coerce.number().int().min(1).max(100_000), lang: Lang }),
]);

export const CoursePage = z.object({ query: z.object({ lang: Lang }) });

export const OpenActivity = z.object({
  params: z.object({ resourceLinkId: z.string().min(1).max(255) }),
  query: Actor,
});

/** Amphi's OIDC authentication request (Security Framework §5.1.1.2), every field a string. */
export const Authenticate = z.object({
  query: z.object({
    scope: z.string(),
    response_type: z.string(),
    response_mode: z.string(),
    prompt: z.string(),
    client_id: z.string(),
    redirect_uri: z.string(),
    login_hint: z.string(),
    lti_message_hint: z.string().max(2000),
    state: z.string().min(1).max(8000),
    nonce: z.string().min(1).max(255),
  }),
});

/** OAuth2 client credentials with a signed assertion (Security Framework §4.1). */
export const TokenRequest = z.object({
  body: z.object({
    grant_type: z.string(),
    client_assertion_type: z.string(),
    client_assertion: z.string().max(8000),
    scope: z.string().max(2000).default(''),
  }),
});

export const ServiceRequest = z.object({
  params: z.object({ contextId: z.string().min(1).max(255), binding: z.string().optional(), itemId: z.string().optional() }),
});

/** A new line item (AGS §3.2): only its shape is checked, the demo platform keeps none. */
export const LineItemRequest = z.object({
  params: z.object({ contextId: z.string().min(1).max(255) }),
  body: z.object({ label: z.string().max(1000), scoreMaximum: z.number().positive() }).loose(),
});
