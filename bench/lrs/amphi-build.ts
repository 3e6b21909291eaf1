/**
 * Amphi's modules as production runs them (`node dist/server.js`): the tsc build, rebuilt here so
 * it matches the sources, not the sources through tsx, whose esbuild output wraps functions
 * (`__name`) and costs CPU a deployment never pays. Types come from the sources.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
process.stderr.write('[bench] npm run build:server (the benchmark runs dist/)\n');
execFileSync('npm', ['run', '--silent', 'build:server'], { cwd: root, stdio: 'inherit' });

const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(root, 'dist', file)).href) as Promise<T>;

export const { loadConfig } = await load<typeof import('../../src/config/config.js')>('config/config.js');
export const { startServer } = await load<typeof import('../../src/server.js')>('server.js');
export const { createCredential } = await load<typeof import('../../src/lrs/credentials/credential.service.js')>('lrs/credentials/credential.service.js');
export const { addPlatform } = await load<typeof import('../../src/lti/platforms/platform.service.js')>('lti/platforms/platform.service.js');
export const { statementRow } = await load<typeof import('../../src/lrs/statements/statement-row.js')>('lrs/statements/statement-row.js');
export const { insertStatementRows, queryStatementRows } = await load<typeof import('../../src/lrs/statements/statement.repository.js')>(
  'lrs/statements/statement.repository.js',
);
export const { parseStatementQuery } = await load<typeof import('../../src/lrs/statements/statement-query.js')>('lrs/statements/statement-query.js');
export const { openDatabase } = await load<typeof import('../../src/db/database.js')>('db/database.js');
export const ROOT = root;
