import type { AppContext } from '../../app-context.js';
import { statementsConsistentThrough } from '../../lrs/lrs.service.js';
import { collectKeys, factOf, trimSlash, type Fact } from './statement-facts.js';
import { addFact, emptyDelta, type RollupDelta } from './rollup-counts.js';
import { FactLookupCache, loadPlatformBasics } from './fact-lookups.repository.js';
import { applyDelta } from './rollup-write.repository.js';
import { clearRollups, firstVoidingSeqs, lockWatermark, maxStatementSeq, readStatements, readStatementsByIds, saveWatermark, type RollupStatement } from './rollup.repository.js';

/**
 * The version of the rollup definitions (verb-actions.ts, statement-facts.ts). Raise it when
 * they change: the next refresh of each platform then rebuilds from the first statement.
 */
export const ROLLUP_DEFINITIONS = 1;

/**
 * Statements read per query, and pages per transaction: the rollups are written once per
 * transaction, so a key that a day's statements share is written once, not once per page.
 */
const PAGE = 5000;
const PAGES_PER_TRANSACTION = 20;

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
 * the watermark, page by page, up to 100,000 statements and the new watermark in one transaction
 * that holds the watermark row (two workers never count a statement twice; a run cut short keeps
 * what it committed). Voided statements: countBatch.
 */
export async function refreshAnalytics(ctx: AppContext, platformId: string, options: RefreshOptions = {}): Promise<RefreshOutcome> {
  const basics = await loadPlatformBasics(ctx.db, platformId);
  const outcome: RefreshOutcome = { platformId, statements: 0, counted: 0, takenBack: 0, lastSeq: '0', rebuilt: false };
  if (!basics) return outcome;
  const settled = new Date((await statementsConsistentThrough(ctx)).getTime() - (options.settleMs ?? 30_000));
  const until = await maxStatementSeq(ctx.db, platformId, settled);
  const publicUrl = trimSlash(ctx.config.http.publicUrl);
  // The course an activity belongs to, and the LMS module a part of it belongs to (statement-facts.ts).
  const coursePrefixes = [`${publicUrl}/xapi/activities/courses/`, `${basics.issuer}/course/view.php?id=`, `${basics.issuer}/mod/`];
  const cache = new FactLookupCache(platformId, basics, publicUrl);
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
      const delta = emptyDelta();
      let done = false;
      for (let page = 0; page < PAGES_PER_TRANSACTION && !done; page++) {
        const batch = BigInt(after) < BigInt(until) ? await readStatements(trx, platformId, after, until, PAGE, coursePrefixes) : [];
        if (batch.length) {
          const counts = await countBatch(trx, platformId, cache, { publicUrl, issuer: basics.issuer }, batch, after, coursePrefixes, delta);
          outcome.statements += batch.length;
          outcome.counted += counts.counted;
          outcome.takenBack += counts.takenBack;
          after = batch[batch.length - 1]!.seq;
        }
        done = batch.length < PAGE;
      }
      await applyDelta(trx, platformId, delta);
      await saveWatermark(trx, platformId, after, ROLLUP_DEFINITIONS);
      outcome.lastSeq = after;
      return done;
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
async function countBatch(
  db: AppContext['db'],
  platformId: string,
  cache: FactLookupCache,
  urls: { publicUrl: string; issuer: string },
  batch: RollupStatement[],
  after: string,
  coursePrefixes: string[],
  delta: RollupDelta,
) {
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
  const targets = (await readStatementsByIds(db, platformId, takeBack.map((v) => v.targetId!), coursePrefixes)).filter((t) => BigInt(t.seq) <= BigInt(after));
  const lookups = await cache.lookups(db, collectKeys([...counted, ...targets], urls));
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
  return { counted: countedFacts, takenBack: targets.length };
}
