import type { Db } from '../db/database.js';
import { moodleEndpoints } from '../lti/platforms/platform.schemas.js';
import { addPlatform, ensureDeployment, findPlatformRowsByIssuer, getPlatformRow } from '../lti/platforms/platform.service.js';
import type { PlatformRow } from '../lti/platforms/platform.table.js';
import type { DemoCourseOptions } from './demo-course-options.js';

/**
 * The platform the course lives on: the caller's (by id, or by issuer and client id), else one
 * registered as `amphi platform add` would. Its deployment is added when missing, as a first
 * launch from a new deployment would (the caller's platform may not allow new deployments).
 */
export async function ensureDemoPlatform(db: Db, p: DemoCourseOptions['platform']): Promise<{ platform: PlatformRow; deployment: { id: string; deploymentId: string } }> {
  const deploymentId = p.deploymentId ?? '1';
  let platform = p.id ? await getPlatformRow(db, p.id) : undefined;
  if (p.id && !platform) throw new Error(`demo course: no platform has the id ${p.id}`);
  const clientId = p.clientId ?? 'amphi-demo';
  platform ??= (await findPlatformRowsByIssuer(db, p.issuer, p.clientId))[0];
  if (!platform) {
    const endpoints = moodleEndpoints(p.issuer);
    const view = await addPlatform(
      db,
      {
        name: p.name,
        issuer: p.issuer,
        clientId,
        authLoginUrl: p.authLoginUrl ?? endpoints.authLoginUrl,
        authTokenUrl: p.authTokenUrl ?? endpoints.authTokenUrl,
        jwksUrl: p.jwksUrl ?? endpoints.jwksUrl,
        deploymentIds: [deploymentId],
      },
      { allowNewDeployments: false },
    );
    platform = (await getPlatformRow(db, view.id))!;
  }
  const deployment = await ensureDeployment(db, platform.id, deploymentId);
  return { platform, deployment: { id: deployment.id, deploymentId } };
}
