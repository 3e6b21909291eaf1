import assert from 'node:assert/strict';
import fs from 'node:fs';
import { describe, it } from 'node:test';
import { runCli, useProcessEnv } from '../../support/processes.js';

/**
 * The one real process of the privacy commands (the others run in-process in privacy.test.ts):
 * an erasure without --yes is refused in words before anything is opened.
 */
describe('amphi gdpr', () => {
  const processEnv = useProcessEnv({ LOG_LEVEL: 'warn' });

  it('refuses an erasure without --yes, says how to confirm, and opens no database', async () => {
    const r = await runCli(['gdpr', 'erase', '--platform', 'p1', '--user', 'u42'], processEnv.env);
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^amphi: Erasure deletes this learner’s data for good: add --yes to confirm\.\nUsage: amphi gdpr export/m);
    assert.deepEqual(fs.readdirSync(processEnv.dataDir), [], 'nothing was created in DATA_DIR');
  });
});
