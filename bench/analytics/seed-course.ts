/**
 * Seeds a PostgreSQL database with the analytics benchmark's course: 2,000 learners, a 12-week
 * term ending now, about 1,000,000 statements (src/demo/demo-course.ts), and prints how long it
 * took. The database at DATABASE_URL is migrated first; it must not hold this course already.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/amphi_bench npx tsx bench/analytics/seed-course.ts
 *
 * LEARNERS, STATEMENTS, WEEKS, SEED and PUBLIC_URL override the defaults.
 */
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { generateDemoCourse } from '../../src/demo/demo-course.js';

const url = process.env.DATABASE_URL;
if (!url?.startsWith('postgres')) {
  console.error('DATABASE_URL must be a postgres:// URL');
  process.exit(2);
}
const number = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);

const handle = await openDatabase({ engine: 'postgres', url, poolSize: 4 });
try {
  await migrateToLatest(handle.db);
  const began = Date.now();
  let last = began;
  const summary = await generateDemoCourse(handle.db, {
    seed: number('SEED', 1),
    publicUrl: process.env.PUBLIC_URL ?? 'https://amphi.univ-exemple.fr',
    platform: { issuer: 'https://moodle.univ-exemple.fr', name: 'Moodle Université Exemple' },
    learners: number('LEARNERS', 2000),
    weeks: number('WEEKS', 12),
    videos: 10,
    classroomSessionsPerWeek: 2,
    targetStatements: number('STATEMENTS', 1_000_000),
    onProgress: ({ statements }) => {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      const seconds = (last - began) / 1000;
      console.log(`${statements} statements, ${seconds.toFixed(0)} s, ${Math.round(statements / seconds)}/s`);
    },
  });
  const seconds = summary.elapsedMs / 1000;
  const { model: _model, ...printed } = summary;
  console.log(JSON.stringify(printed, null, 2));
  console.log(`${summary.statements} statements and the course's rows in ${seconds.toFixed(1)} s (${Math.round(summary.statements / seconds)} statements/s)`);
} finally {
  await handle.close();
}
