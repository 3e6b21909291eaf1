import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

/**
 * The embedded engine hands values over typed as node-postgres does, so the code that reads them
 * runs the same on both engines (test/postgres-leg.txt relies on it).
 */
describe('database values typed as node-postgres types them', () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database.close());

  it('gives a bigint (count, sum of integers, bigint arrays) as a string, other numbers as numbers', async () => {
    const { rows } = await sql<{ c: unknown; s: unknown; big: unknown; ids: unknown; i: unknown; f: unknown }>`
      select count(*) as c, sum(x) as s, 9007199254740993::bigint as big, array[1::bigint, 2] as ids, 5::int as i, 1.5::float8 as f
      from (values (1), (2)) as t(x)`.execute(database.db);
    assert.deepEqual(rows[0], { c: '2', s: '3', big: '9007199254740993', ids: ['1', '2'], i: 5, f: 1.5 });
  });
});
