import type { OutboundTrust } from '../../http/outbound.js';
import type { PlatformRow } from '../platforms/platform.table.js';

/**
 * How far a platform's URLs (JWKS, token endpoint, AGS, NRPS, and what its launches announce) are
 * trusted: a platform the operator added (CLI, lti-config) may live on a private network; one that
 * registered itself through the web gets the address rules of the outbound client.
 */
export function outboundTrustOf(platform: Pick<PlatformRow, 'registered_via'>): OutboundTrust {
  return platform.registered_via === 'manual' ? 'operator' : 'web';
}
