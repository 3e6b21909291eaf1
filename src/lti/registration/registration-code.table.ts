import type { ColumnType, Selectable } from 'kysely';

/** One-time codes an operator issues for dynamic registration (migration 0011). */
export interface RegistrationCodesTable {
  id: string;
  /** sha-256 (hex) of the code; the code itself is shown once, by `amphi registration open`. */
  code_hash: string;
  note: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
  platform_id: string | null;
  closed_at: Date | null;
  /** The registration holding the code while it talks to the platform, and until when (a crashed one's hold lapses). */
  reserved_by: string | null;
  reserved_until: Date | null;
}
export type RegistrationCodeRow = Selectable<RegistrationCodesTable>;
