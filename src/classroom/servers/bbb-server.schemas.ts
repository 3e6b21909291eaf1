import { z } from 'zod';
import { CHECKSUM_ALGORITHMS } from '../bbb/bbb.types.js';

/**
 * What an administrator sends to set a platform's server (admin page and `amphi platform bbb`).
 * The URL is only a string here: the service normalises it and explains a refusal in its own
 * words (bbb-server-url.ts). The secret is optional so that changing the URL or the algorithm
 * keeps the stored secret; an empty string counts as absent (the form's password field).
 */
export const BbbServerInput = z.object({
  url: z.string().trim().min(1).max(2100),
  secret: z
    .string()
    .max(2000)
    .optional()
    .transform((s) => (s === undefined || s.trim() === '' ? undefined : s.trim())),
  /** Absent: keep the stored one (sha256 for a new server). */
  checksumAlgorithm: z.enum(CHECKSUM_ALGORITHMS).optional(),
});
export type BbbServerInput = z.input<typeof BbbServerInput>;

export const PutBbbServer = z.object({ body: BbbServerInput });

/** Test the stored server, or (url given) the form's values before saving them; a missing secret means the stored one. */
export const TestBbbServer = z.object({ body: BbbServerInput.partial({ url: true }) });

export const SECRET_MIN = 8;
export const SECRET_MAX = 512;

export const PlatformRef = z.object({ id: z.string().min(1) });
export const SetBbbServerCommand = PlatformRef.extend(BbbServerInput.shape);
export const TestBbbServerCommand = PlatformRef.extend(BbbServerInput.partial({ url: true }).shape);
