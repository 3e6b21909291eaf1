import type { ColumnType, Selectable } from 'kysely';

/** The canonical definition of an Activity, merged from every statement that defined it. */
export interface LrsActivitiesTable {
  platform_id: string;
  id: string;
  /** An ActivityDefinition (Data 2.4.4.1). */
  definition: ColumnType<unknown, string, string>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type LrsActivityRow = Selectable<LrsActivitiesTable>;
