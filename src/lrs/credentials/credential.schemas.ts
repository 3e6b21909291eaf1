import { z } from 'zod';
import { LRS_SCOPES } from './lrs-principal.js';

const scope = z.enum(LRS_SCOPES, {
  error: (issue) => `${JSON.stringify(issue.input)} is not an LRS scope; valid scopes: ${LRS_SCOPES.join(', ')}`,
});

/** What an admin gives to create an LRS credential (CLI or admin API). */
export const CredentialInput = z.object({
  platformId: z.string().trim().min(1),
  name: z.string().trim().min(1).max(200).optional(),
  scopes: z.array(scope).min(1, `give at least one scope (${LRS_SCOPES.join(', ')})`),
});
export type CredentialInput = z.input<typeof CredentialInput>;

export const CredentialFilter = z.object({ platformId: z.string().trim().min(1).optional() });

/** A credential is named by its id or by its key (the Basic user name), whichever the admin has. */
export const CredentialRef = z.object({ idOrKey: z.string().trim().min(1) });
