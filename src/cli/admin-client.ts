import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/config.js';
import { createContext } from '../context.js';
import { acquireDataDirLock, readLockOwner } from '../db/data-dir-lock.js';
import { databaseTargetFrom, openDatabase } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import { createLogger } from '../http/logger.js';
import { runAdminCommand, type AdminCommandName } from '../admin/admin-commands.js';

export class CommandFailed extends Error {}

/**
 * Runs an admin command where it can safely run: on PostgreSQL, here; on the embedded database,
 * through the server that holds it when one runs, else here under the DATA_DIR lock.
 */
export async function executeAdminCommand(config: Config, name: AdminCommandName, args: unknown): Promise<unknown> {
  if (!config.database.url) {
    const owner = readLockOwner(config.dataDir);
    if (owner?.adminUrl) return viaServer(owner.adminUrl, config.dataDir, name, args);
  }
  return locally(config, name, args);
}

async function viaServer(adminUrl: string, dataDir: string, name: AdminCommandName, args: unknown): Promise<unknown> {
  const token = fs.readFileSync(path.join(dataDir, 'admin.token'), 'utf8').trim();
  const response = await fetch(`${adminUrl}/admin/api/commands/${name}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(args ?? {}),
  });
  const body = (await response.json().catch(() => ({}))) as { result?: unknown; detail?: string };
  if (!response.ok) throw new CommandFailed(body.detail ?? `The server answered ${response.status}`);
  return body.result;
}

async function locally(config: Config, name: AdminCommandName, args: unknown): Promise<unknown> {
  const target = databaseTargetFrom(config);
  const lock = target.engine === 'pglite' ? acquireDataDirLock(config.dataDir) : undefined;
  try {
    const database = await openDatabase(target);
    try {
      await migrateToLatest(database.db);
      const ctx = await createContext(config, database, createLogger('warn'));
      return await runAdminCommand(ctx, name, args);
    } finally {
      await database.close();
    }
  } finally {
    lock?.release();
  }
}
