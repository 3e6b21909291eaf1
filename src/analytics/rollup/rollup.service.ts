import type { AppContext } from '../../app-context.js';
import { statementsConsistentThrough } from '../../lrs/lrs.service.js';
import { trimSlash } from './statement-facts.js';
import { collectKeys, factOf, type Fact } from './statement-facts.js';
import { addFact, emptyDelta } from './rollup-counts.js';
import { loadFactLookups, loadPlatformBasics, type PlatformBasics } from './fact-lookups.repository.js';
import { applyDelta } from './rollup-write.repository.js';
import { clearRollups, firstVoidingSeqs, lockWatermark, maxStatementSeq, readStatements, readStatementsByIds, saveWatermark, type RollupStatement } from './rollup.repository.js';

/**
 * The version of the rollup definitions (verb-actions.ts, statement-facts.ts). Raise it when
 * they change: the next refresh of each platform then rebuilds from the first statement.
 */
export const ROLLUP_DEFINITIONS = 1;

const BATCH = 5000;

export interface RefreshOutcome {
  platformId: string;
  statements: number;
  counted: number;
  takenBack: number;
  lastSeq: string;
  rebuilt: boolean;
}

export interface RefreshOptions {
  /**
   * Statements stored less than this long before the store's consistent-through time wait for
   * the next refresh (30 s by default). On PostgreSQL a batch can take its seq before an older
   * batch commits; reading only what settled keeps the watermark from passing a statement that
   * is not visible yet. Tests and the single-process embedded database may use 0.
   */
  settleMs?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * Brings a platform's rollups up to its newest settled statement: reads what was stored after
 * the watermark, batch by batch, each batch and its watermark in one transaction that holds the
 * watermark row (two workers never count a statement twice). Voided statements: countBatch.
 */
export async function refreshAnalytics(ctx: AppContext, platformId: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
  const basics = await loadPlatformBasics(ctx.db, platformId);
  const outcome: RefreshOutcome = { platformId, statements: 0, counted: 0, takenBack: 0, lastSeq: '0', rebuilt: false };
  if (!basics) return outcome;
  const settled = new Date((await statementsConsistentThrough(ctx)).getTime() - (options.settleMs ?? 30_000));
  const until = await maxStatementSeq(ctx.db, platformId, settled);
  const publicUrl = trimSlash(ctx.config.http.publicUrl);
  let start: string | undefined;
  for (;;) {
    options.signal?.throwIfAborted();
    const done = await ctx.db.transaction().execute(async (trx) => {
      const mark = await lockWatermark(trx, platformId, ROLLUP_DEFINITIONS);
      let after = mark.lastSeq;
      if (mark.definitions !== ROLLUP_DEFINITIONS) {
        await clearRollups(trx, platformId, ROLLUP_DEFINITIONS);
        after = '0';
        outcome.rebuilt = true;
      }
      start ??= after;
      outcome.lastSeq = after;
      if (BigInt(after) >= BigInt(until)) return true;
      const batch = await readStatements(trx, platformId, after, until, BATCH);
      if (!batch.length) return true;
      const counts = await countBatch(trx, platformId, basics, publicUrl, batch, after);
      outcome.statements += batch.length;
      outcome.counted += counts.counted;
      outcome.takenBack += counts.takenBack;
      outcome.lastSeq = batch[batch.length - 1]!.seq;
      await saveWatermark(trx, platformId, outcome.lastSeq, ROLLUP_DEFINITIONS);
      return batch.length < BATCH;
    });
    if (start !== undefined && BigInt(until) > BigInt(start)) options.onProgress?.(Number(BigInt(outcome.lastSeq) - BigInt(start)) / Number(BigInt(until) - BigInt(start)));
    if (done) return outcome;
  }
}

/** Recomputes the platform's rollups from its first statement (definitions changed, or an operator asked). */
export async function rebuildAnalytics(ctx: AppContext, platformId: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
  await ctx.db.transaction().execute(async (trx) => {
    await lockWatermark(trx, platformId, ROLLUP_DEFINITIONS);
    await clearRollups(trx, platformId, ROLLUP_DEFINITIONS);
  });
  return { ...(await refreshAnalytics(ctx, platformId, options)), rebuilt: true };
}

/**
 * One batch (after, end]: a statement counts unless a statement voiding it is in this batch or
 * before (seq ≤ end); a voiding statement takes back its target when the target was in an
 * earlier batch (seq ≤ after: counted then, since its first voiding came later) and this is its
 * first voiding. Net effect, however the statements were cut into batches and refreshes: a
 * statement counts iff nothing up to the watermark voids it, as a full rebuild finds.
 */
async function countBatch(db: AppContext['db'], platformId: string, basics: PlatformBasics, publicUrl: string, batch: RollupStatement[], after: string) {
  const end = BigInt(batch[batch.length - 1]!.seq);
  const voidedIds = batch.filter((s) => s.voided).map((s) => s.id);
  const voidings = batch.filter((s) => s.isVoiding && s.targetId);
  const firstVoiding = await firstVoidingSeqs(db, platformId, [...voidedIds, ...voidings.map((v) => v.targetId!)]);
  const voidedByNow = (s: RollupStatement) => {
    const seq = firstVoiding.get(s.id);
    return s.voided && seq !== undefined && BigInt(seq) <= end;
  };
  const counted = batch.filter((s) => !s.isVoiding && !voidedByNow(s));
  const takeBack = voidings.filter((v) => firstVoiding.get(v.targetId!) === v.seq);
  const targets = (await readStatementsByIds(db, platformId, takeBack.map((v) => v.targetId!))).filter((t) => BigInt(t.seq) <= BigInt(after));
  const lookups = await loadFactLookups(db, platformId, basics, publicUrl, collectKeys([...counted, ...targets], { publicUrl, issuer: basics.issuer }));
  const delta = emptyDelta();
  let countedFacts = 0;
  for (const s of counted) {
    const fact: Fact | null = factOf(s, lookups);
    if (fact) {
      addFact(delta, fact, 1);
      countedFacts++;
    }
  }
  for (const t of targets) {
    const fact = factOf(t, lookups);
    if (fact) addFact(delta, fact, -1);
  }
  await applyDelta(db, platformId, delta);
  return { counted: countedFacts, takenBack: targets.length };
}
