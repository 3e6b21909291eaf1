import type { ActivityDefinition } from '../xapi/xapi.types.js';

const MAX_ENTRIES = 50_000;
/** Never equal to a definition's JSON: the Activity is stored, with a definition this process did not write. */
const EXISTS = '\u0000exists';

/**
 * The definitions this process has written, per platform and Activity. A Moodle course or a
 * video player sends the same Activities with the same definitions in batch after batch: those
 * need no write at all (the stored definition already holds them), which saves the statement
 * transaction a round trip and PostgreSQL the comparison. Entries are added only once the
 * statement transaction has committed, so a rolled-back batch is never taken as written.
 */
export class KnownDefinitions {
  private readonly entries = new Map<string, string>();

  /**
   * The rows that need a write: with `mayRedefine`, those whose definition this process has not
   * written as such; without (insert-only), those of Activities it has not seen stored at all.
   */
  unknown(platformId: string, rows: { id: string; definition: ActivityDefinition }[], mayRedefine: boolean): { id: string; definition: ActivityDefinition; json: string }[] {
    if (!mayRedefine) return rows.filter((r) => !this.entries.has(key(platformId, r.id))).map((r) => ({ ...r, json: EXISTS }));
    return rows.map((r) => ({ ...r, json: JSON.stringify(r.definition) })).filter((r) => this.entries.get(key(platformId, r.id)) !== r.json);
  }

  remember(platformId: string, rows: { id: string; json: string }[]): void {
    for (const r of rows) {
      const k = key(platformId, r.id);
      // An insert-only write says the Activity exists, not which definition it has.
      if (r.json === EXISTS && this.entries.has(k)) continue;
      this.entries.delete(k);
      this.entries.set(k, r.json);
      if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    }
  }
}

const key = (platformId: string, id: string) => `${platformId}\u0000${id}`;
