import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../../src/config/config.js';
import { createContext } from '../../src/context.js';
import { databaseTargetFrom, openDatabase } from '../../src/db/database.js';
import { createLogger } from '../../src/http/logger.js';
import { JobWorker } from '../../src/jobs/job-worker.js';

/**
 * A job worker in a process of its own (PostgreSQL), with a test handler that reports progress
 * then sleeps `payload.ms`: tests kill it mid-job to see another worker take the job over.
 * Prints "ready" once started.
 */
const config = loadConfig();
const database = await openDatabase(databaseTargetFrom(config));
const ctx = await createContext(config, database, createLogger(config.logLevel));
const worker = new JobWorker(() => ctx, {
  handlers: {
    'test-sleep': async (_ctx, payload: { ms: number }, run) => {
      run.reportProgress(0.5, `sleeping in ${process.pid}`);
      await sleep(payload.ms, undefined, { signal: run.signal });
    },
  },
});
ctx.jobs = worker;
worker.start();
process.stdout.write('ready\n');
process.once('SIGTERM', () => void worker.stop().then(() => database.close()).then(() => process.exit(0)));
