import crypto from 'node:crypto';
import pg from 'pg';

/** A throwaway PostgreSQL database for one bench run, created from an admin URL and dropped after. */
export interface BenchDatabase {
  url: string;
  name: string;
  serverVersion: string;
  /** Transactions and row operations in this database so far (pg_stat_database). */
  stats(): Promise<DatabaseStats>;
  drop(): Promise<void>;
}

export interface DatabaseStats {
  commits: number;
  rollbacks: number;
  returned: number;
  fetched: number;
  inserted: number;
  updated: number;
  deleted: number;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `amphi_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  let serverVersion: string;
  try {
    serverVersion = (await admin.query<{ server_version: string }>('show server_version')).rows[0]!.server_version;
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    url: url.toString(),
    name,
    serverVersion,
    async stats() {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        // Statistics are sent by backends at transaction end and cached per transaction: clear the cache.
        await client.query('select pg_stat_clear_snapshot()');
        const row = (
          await client.query(
            `select xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated, tup_deleted
               from pg_stat_database where datname = $1`,
            [name],
          )
        ).rows[0];
        return {
          commits: Number(row.xact_commit),
          rollbacks: Number(row.xact_rollback),
          returned: Number(row.tup_returned),
          fetched: Number(row.tup_fetched),
          inserted: Number(row.tup_inserted),
          updated: Number(row.tup_updated),
          deleted: Number(row.tup_deleted),
        };
      } finally {
        await client.end();
      }
    },
    async drop() {
      if (dropped) return;
      dropped = true;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists "${name}" with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}
