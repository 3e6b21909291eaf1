import type { Kysely } from 'kysely';
import type { Config } from '../../config/config.js';
import type { Database } from '../../db/schema.js';
import { configuredSinks, type SinkName } from './sink-config.js';
import { countOutboxRows, insertOutboxRows, requeueFailedOutboxRows, type OutboxCount } from './sink-outbox.repository.js';

export interface ForwardingDeps {
  config: Pick<Config, 'lrsSinks'>;
}

/**
 * Puts freshly stored statements into the forwarding outbox, one row per configured sink. Call it
 * in the transaction that inserts the statements: a statement is forwarded if and only if it is
 * stored. Does nothing (no query) when no sink is configured. Wake `ctx.lrsForwarding` after the
 * commit to have them sent at once; otherwise the worker finds them at its next poll.
 */
export async function enqueueForwarding(trx: Kysely<Database>, deps: ForwardingDeps, platformId: string, statementIds: readonly string[]): Promise<void> {
  const sinks = configuredSinks(deps.config.lrsSinks);
  if (sinks.length === 0 || statementIds.length === 0) return;
  await insertOutboxRows(trx, sinks, platformId, statementIds);
}

/** Statements a sink refused for good, sent again (after the cause was fixed, e.g. an index mapping); returns how many. */
export function requeueFailedForwarding(db: Kysely<Database>, sink?: SinkName, platformId?: string): Promise<number> {
  return requeueFailedOutboxRows(db, sink, platformId);
}

/** Statements waiting for each sink, and those it refused. */
export function forwardingBacklog(db: Kysely<Database>): Promise<OutboxCount[]> {
  return countOutboxRows(db);
}

export type { SinkName };

/** Where statements go (the operator's environment) and what waits or was refused there, for one platform's administrators. */
export async function platformForwardingStatus(db: Kysely<Database>, deps: ForwardingDeps, platformId: string): Promise<{ sinks: SinkName[]; backlog: OutboxCount[] }> {
  return { sinks: configuredSinks(deps.config.lrsSinks), backlog: await countOutboxRows(db, platformId) };
}
