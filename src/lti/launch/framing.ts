import type { Response } from 'express';
import { allowFramingBy } from '../../http/security-headers.js';
import type { PlatformRow } from '../platforms/platform.table.js';

/**
 * Lets one platform frame this response: the origins of its issuer and of its login endpoint
 * (Moodle's are its wwwroot, the page that holds the iframe). Never another platform's: a
 * platform registered by anyone must not be able to frame another tenant's pages.
 */
export function allowFramingByPlatform(res: Response, platform: Pick<PlatformRow, 'issuer' | 'auth_login_url'>): void {
  allowFramingBy(res, [platform.issuer, platform.auth_login_url]);
}
