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
  /** The platform its registration created. */
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
  // 192 random bits: hashing without a salt is enough, nobody can guess one to look it up.
  const code = crypto.randomBytes(24).toString('base64url');
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

/** The code's row if it may still create a platform. */
export function findUsableCode(db: Db, code: string): Promise<RegistrationCodeRow | undefined> {
  return findUsableRegistrationCode(db, hashRegistrationCode(code));
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
