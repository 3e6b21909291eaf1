import crypto from 'node:crypto';
import type { Db } from '../../db/database.js';
import type { DeploymentRow, PlatformRow, PlatformsTable } from './platform.table.js';
import type { Insertable } from 'kysely';

export type NewPlatform = Omit<Insertable<PlatformsTable>, 'id' | 'created_at' | 'updated_at'>;

export async function insertPlatform(db: Db, platform: NewPlatform): Promise<PlatformRow> {
  return db
    .insertInto('platforms')
    .values({ ...platform, id: crypto.randomUUID() })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updatePlatform(db: Db, id: string, changes: Partial<NewPlatform>): Promise<PlatformRow | undefined> {
  return db.updateTable('platforms').set({ ...changes, updated_at: new Date() }).where('id', '=', id).returningAll().executeTakeFirst();
}

export function findPlatformById(db: Db, id: string): Promise<PlatformRow | undefined> {
  return db.selectFrom('platforms').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlatformsByIssuer(db: Db, issuer: string, clientId?: string): Promise<PlatformRow[]> {
  let query = db.selectFrom('platforms').selectAll().where('issuer', '=', issuer);
  if (clientId !== undefined) query = query.where('client_id', '=', clientId);
  return query.execute();
}

export function listPlatforms(db: Db): Promise<PlatformRow[]> {
  return db.selectFrom('platforms').selectAll().orderBy('created_at').execute();
}

export function deletePlatform(db: Db, id: string): Promise<{ numDeletedRows: bigint }> {
  return db.deleteFrom('platforms').where('id', '=', id).executeTakeFirstOrThrow();
}

export function listDeployments(db: Db, platformId: string): Promise<DeploymentRow[]> {
  return db.selectFrom('deployments').selectAll().where('platform_id', '=', platformId).orderBy('created_at').execute();
}

export function findDeployment(db: Db, platformId: string, deploymentId: string): Promise<DeploymentRow | undefined> {
  return db
    .selectFrom('deployments')
    .selectAll()
    .where('platform_id', '=', platformId)
    .where('deployment_id', '=', deploymentId)
    .executeTakeFirst();
}

/** Inserts the deployment if new; returns the row either way (safe under concurrent launches). */
export async function upsertDeployment(db: Db, platformId: string, deploymentId: string): Promise<DeploymentRow> {
  await db
    .insertInto('deployments')
    .values({ id: crypto.randomUUID(), platform_id: platformId, deployment_id: deploymentId })
    .onConflict((oc) => oc.columns(['platform_id', 'deployment_id']).doNothing())
    .execute();
  return (await findDeployment(db, platformId, deploymentId))!;
}
