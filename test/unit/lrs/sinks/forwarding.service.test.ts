import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { loadConfig } from '../../../../src/config/config.js';
import type { Database } from '../../../../src/db/schema.js';
import { enqueueForwarding } from '../../../../src/lrs/sinks/forwarding.service.js';

/** A database that fails the test if it is used at all. */
const untouchable = new Proxy({}, {
  get(_target, property) {
    assert.fail(`the database was used (${String(property)})`);
  },
}) as Kysely<Database>;

describe('enqueueForwarding', () => {
  it('costs nothing, not even a query, when no sink is configured', async () => {
    await enqueueForwarding(untouchable, { config: loadConfig({}) }, 'p1', ['0f8fad5b-d9cb-469f-a165-70867728950e']);
  });

  it('costs nothing for an empty batch either', async () => {
    await enqueueForwarding(untouchable, { config: loadConfig({ LRS_FORWARD_URL: 'https://ralph.example/xAPI' }) }, 'p1', []);
  });
});
