import crypto from 'node:crypto';
import type { AppContext } from '../../app-context.js';
import type { Db } from '../../db/database.js';
import { AppError } from '../../http/errors.js';
import {
  closeRegistrationCodeRow,
  findRegistrationCode,
  findUsableRegistrationCode,
  insertRegistrationCode,
  listRegistrationCodes,
  releaseRegistrationCodeRow,
  reserveRegistrationCodeRow,
  spendRegistrationCodeRow,
} from './registration-code.repository.js';
import type { RegistrationCodeRow } from './registration-code.table.js';
import { toolUrls } from './tool-configuration.js';

export type RegistrationCodeState = 'open' | 'used' | 'expired' | 'closed';

export interface RegistrationCodeView {
  id: string;
  note: string | null;
  state: RegistrationCodeState;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
  closedAt: string | null;
  /** The platform its registration created or updated. */
  platformId: string | null;
}

/** What `amphi registration open` prints: the code and its URL are shown this once. */
export interface OpenedRegistrationCode extends RegistrationCodeView {
  code: string;
  url: string;
  /** LTI_DYNAMIC_REGISTRATION of the server that made it (a code is only asked for in `code`). */
  mode: 'code' | 'open' | 'closed';
}

export function hashRegistrationCode(code: string): string {
  return crypto.createHash('sha256').update(code).digest('hex');
}

export async function openRegistrationCode(ctx: AppContext, args: { ttlSeconds: number; note?: string | undefined }): Promise<OpenedRegistrationCode> {
  // 192 random bits: hashing without a salt is enough, nobody can guess one to look it up. Never
  // with a leading '-': `amphi registration close <code>` would read it as an option (1 code in 64).
  let code: string;
  do code = crypto.randomBytes(24).toString('base64url');
  while (code.startsWith('-'));
  const row = await insertRegistrationCode(ctx.db, {
    id: crypto.randomUUID(),
    code_hash: hashRegistrationCode(code),
    note: args.note ?? null,
    expires_at: new Date(Date.now() + args.ttlSeconds * 1000),
  });
  const url = new URL(toolUrls(ctx.config.http.publicUrl).registrationUrl);
  url.searchParams.set('code', code);
  return { ...toView(row), code, url: url.toString(), mode: ctx.config.lti.dynamicRegistration };
}

export async function listRegistrationCodeViews(db: Db): Promise<RegistrationCodeView[]> {
  return (await listRegistrationCodes(db)).map(toView);
}

/** Closes an open code, named by its id or by the code itself. */
export async function closeRegistrationCode(db: Db, codeOrId: string): Promise<RegistrationCodeView> {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(codeOrId);
  const row = await findRegistrationCode(db, { id: isUuid ? codeOrId.toLowerCase() : undefined, codeHash: hashRegistrationCode(codeOrId) });
  if (!row) throw new AppError('unknown-registration-code', 404, { ref: codeOrId });
  const closed = await closeRegistrationCodeRow(db, row.id);
  if (!closed) throw new AppError('registration-code-not-open', 409, { id: row.id, state: toView(row).state });
  return toView(closed);
}

/**
 * How long a registration may hold its code: the platform's key sets (5 s each), its configuration
 * (10 s) and its registration endpoint (10 s) fit well within it. A crashed process's hold lapses.
 */
export const REGISTRATION_CODE_HOLD_SECONDS = 120;

/** A code taken for one registration, or why it could not be: held by another registration now, or not usable at all. */
export type CodeHold = { state: 'held'; id: string; reservation: string } | { state: 'busy' } | { state: 'invalid' };

/** Takes the code for this registration, before the platform is asked for anything. */
export async function holdRegistrationCode(db: Db, code: string): Promise<CodeHold> {
  const codeHash = hashRegistrationCode(code);
  const reservation = crypto.randomUUID();
  const row = await reserveRegistrationCodeRow(db, codeHash, reservation, REGISTRATION_CODE_HOLD_SECONDS);
  if (row) return { state: 'held', id: row.id, reservation };
  return (await findUsableRegistrationCode(db, codeHash)) ? { state: 'busy' } : { state: 'invalid' };
}

/** After a failed registration: the code may be used again at once. */
export function releaseRegistrationCode(db: Db, hold: { id: string; reservation: string }): Promise<void> {
  return releaseRegistrationCodeRow(db, hold.id, hold.reservation);
}

/** In the registration's transaction: false when the hold was lost (the operator closed the code meanwhile). */
export async function spendRegistrationCode(db: Db, hold: { id: string; reservation: string }, platformId: string): Promise<boolean> {
  return (await spendRegistrationCodeRow(db, hold.id, hold.reservation, platformId)) !== undefined;
}

function toView(row: RegistrationCodeRow): RegistrationCodeView {
  const state: RegistrationCodeState = row.used_at ? 'used' : row.closed_at ? 'closed' : row.expires_at.getTime() <= Date.now() ? 'expired' : 'open';
  return {
    id: row.id,
    note: row.note,
    state,
    createdAt: row.created_at.toISOString(),
    expiresAt: row.expires_at.toISOString(),
    usedAt: row.used_at?.toISOString() ?? null,
    closedAt: row.closed_at?.toISOString() ?? null,
    platformId: row.platform_id,
  };
}
