import type { ColumnType, Selectable } from 'kysely';

export const RESOURCE_KINDS = ['video', 'classroom', 'dashboard'] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export interface ResourcesTable {
  id: string;
  platform_id: string;
  /** The course (lti_contexts.id) that owns the resource. */
  context_id: string;
  kind: ResourceKind;
  title: string;
  description: ColumnType<string, string | undefined, string>;
  created_by: string | null;
  gradable: ColumnType<boolean, boolean | undefined, boolean>;
  score_maximum: number | null;
  /** Kind-specific settings (each feature's issue details them). */
  settings: ColumnType<Record<string, unknown>, string | undefined, string>;
  copied_from: string | null;
  /** The resource whose media files this one uses (itself when null): copies share media on disk. */
  media_resource_id: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type ResourceRow = Selectable<ResourcesTable>;
