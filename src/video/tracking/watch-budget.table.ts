import type { ColumnType, Selectable } from 'kysely';

/** watch_budgets (migration 0012): one watching budget per person, for all their videos (watch-budget.ts). */
export interface WatchBudgetsTable {
  platform_id: string;
  user_id: string;
  /** Server time the budget counts from; null before the first credit. */
  budget_from: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The earliest launch session still live that reported on any of the person's videos: no budget accrues before it. */
  session_started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  session_expires_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type WatchBudgetRow = Selectable<WatchBudgetsTable>;
