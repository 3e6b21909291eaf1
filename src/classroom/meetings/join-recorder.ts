import type { Db } from '../../db/database.js';
import { recordJoins, type JoinRecord } from './meeting.repository.js';

/**
 * Attendance rows of a burst of joins written together: while one statement runs, the joins that
 * arrive wait for the next, and each caller is answered once its own row is committed (nothing is
 * acknowledged before it is written). 300 joins in a second become a few statements, not 300.
 */
export class JoinRecorder {
  private pending: { join: JoinRecord; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  record(join: JoinRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ join, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const batch = this.pending;
      this.pending = [];
      try {
        await recordJoins(this.db, batch.map((b) => b.join));
        for (const b of batch) b.resolve();
      } catch (err) {
        if (batch.length === 1) batch[0]!.reject(err);
        // One bad row (a classroom deleted meanwhile) must not fail the others: each on its own.
        else await Promise.all(batch.map((b) => recordJoins(this.db, [b.join]).then(b.resolve, b.reject)));
      }
    }
    this.running = false;
  }
}

const recorders = new WeakMap<Db, JoinRecorder>();

/** The recorder of this database handle (one per app context's db). */
export function joinRecorderFor(db: Db): JoinRecorder {
  let recorder = recorders.get(db);
  if (!recorder) recorders.set(db, (recorder = new JoinRecorder(db)));
  return recorder;
}
