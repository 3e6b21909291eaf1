import { AppError } from '../../http/errors.js';
import type { PlatformOpenIdConfiguration } from './openid-configuration.schema.js';

/** The endpoints Moodle serves from its wwwroot (mod/lti/openid-configuration.php), hence from its issuer's origin. */
const SAME_ORIGIN_FIELDS = ['registration_endpoint', 'jwks_uri', 'authorization_endpoint', 'token_endpoint'] as const;

/**
 * LTI Dynamic Registration §3.5.1: the configuration belongs to the issuer it names. Compared as
 * origins (scheme, host, port) — a string prefix lets https://moodle.univ.example.evil.net claim
 * https://moodle.univ.example — and every endpoint Amphi will call or trust sits on that origin too,
 * so a configuration cannot send Amphi's registration, keys or logins anywhere else.
 */
export function checkConfigurationOrigins(configurationUrl: URL, configuration: PlatformOpenIdConfiguration): void {
  const issuerOrigin = new URL(configuration.issuer).origin;
  if (configurationUrl.origin !== issuerOrigin) {
    throw new AppError('registration-origin-mismatch', 400, { configurationOrigin: configurationUrl.origin, issuerOrigin });
  }
  for (const field of SAME_ORIGIN_FIELDS) {
    const origin = new URL(configuration[field]).origin;
    if (origin !== issuerOrigin) throw new AppError('registration-endpoint-origin', 400, { field, origin, issuerOrigin });
  }
}
