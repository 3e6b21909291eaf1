import { sql, type Kysely } from 'kysely';

/**
 * The forwarding outbox (lrs/sinks): one row per accepted statement and configured sink
 * (Elasticsearch, another LRS), written in the transaction that stores the statement, deleted
 * once the sink has it. Rows go with their platform. They do not reference lrs_statements: that
 * foreign key's check is one more lookup per row in a table that grows by thousands of rows a
 * second (on a fresh database, where it scanned the table, the outbox insert became 20 times
 * slower as the table grew); the worker drops a row whose statement is gone.
 *
 * `next_attempt_at` is also the lease: a claim moves it past the delivery's end, so a row whose
 * process died comes back on its own. The partial index is the worker's only read path (due rows
 * of one sink, oldest first); failed rows stay out of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table lrs_sink_outbox (
      platform_id text not null,
      statement_id uuid not null,
      sink text not null check (sink in ('elasticsearch', 'xapi')),
      status text not null default 'pending' check (status in ('pending', 'failed')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      last_error text,
      created_at timestamptz not null default now(),
      primary key (platform_id, statement_id, sink),
      foreign key (platform_id) references platforms (id) on delete cascade
    );
    create index lrs_sink_outbox_due on lrs_sink_outbox (sink, next_attempt_at) where status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table lrs_sink_outbox`.execute(db);
}
