import { Migrator, type Migration, type MigrationProvider, type MigrationResultSet } from 'kysely';
import type { Db } from './database.js';
import * as m0001 from './migrations/0001_lti_core.js';
import * as m0002 from './migrations/0002_content_grades_roster.js';
import * as m0003 from './migrations/0003_grade_scores_by_line_item.js';
import * as m0004 from './migrations/0004_lrs_statements.js';
import * as m0005 from './migrations/0005_lrs_documents.js';
import * as m0006 from './migrations/0006_lrs_forwarding.js';
import * as m0007 from './migrations/0007_jobs.js';
import * as m0008 from './migrations/0008_video.js';
import * as m0009 from './migrations/0009_video_views.js';
import * as m0010 from './migrations/0010_classroom.js';
import * as m0011 from './migrations/0011_registration_codes.js';
import * as m0012 from './migrations/0012_video_view_credit.js';
import * as m0013 from './migrations/0013_bbb_server_trust.js';
import * as m0014 from './migrations/0014_analytics.js';
import * as m0015 from './migrations/0015_demo_platform.js';
import * as m0016 from './migrations/0016_analytics_views.js';
import * as m0017 from './migrations/0017_captions.js';
import * as m0018 from './migrations/0018_user_locale.js';
import * as m0019 from './migrations/0019_data_protection.js';
import * as m0020 from './migrations/0020_bbb_lrs_payload.js';

/** Migrations in order. A record, not a folder scan, so the compiled build and tsx behave the same. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_lti_core': m0001,
  '0002_content_grades_roster': m0002,
  '0003_grade_scores_by_line_item': m0003,
  '0004_lrs_statements': m0004,
  '0005_lrs_documents': m0005,
  '0006_lrs_forwarding': m0006,
  '0007_jobs': m0007,
  '0008_video': m0008,
  '0009_video_views': m0009,
  '0010_classroom': m0010,
  '0011_registration_codes': m0011,
  '0012_video_view_credit': m0012,
  '0013_bbb_server_trust': m0013,
  '0014_analytics': m0014,
  '0015_demo_platform': m0015,
  '0016_analytics_views': m0016,
  '0017_captions': m0017,
  '0018_user_locale': m0018,
  '0019_data_protection': m0019,
  '0020_bbb_lrs_payload': m0020,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

export class MigrationError extends Error {
  constructor(
    readonly migration: string | undefined,
    cause: unknown,
  ) {
    super(`Database migration ${migration ?? ''} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/** Brings the schema to the latest version; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'amphi_migrations', migrationLockTableName: 'amphi_migrations_lock' });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new MigrationError(failed?.migrationName, error);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when every known migration has been applied (for /readyz). */
export async function isMigrated(db: Db): Promise<boolean> {
  const migrator = new Migrator({ db, provider, migrationTableName: 'amphi_migrations', migrationLockTableName: 'amphi_migrations_lock' });
  const list = await migrator.getMigrations();
  return list.every((m) => m.executedAt !== undefined);
}
