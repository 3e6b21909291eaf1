import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../../src/http/errors.js';
import { PlatformOpenIdConfiguration } from '../../../src/lti/registration/openid-configuration.schema.js';
import { parseTtl } from '../../../src/lti/registration/registration.cli.js';
import { checkConfigurationOrigins } from '../../../src/lti/registration/registration-origin.js';

/** A configuration as Moodle's openid-configuration.php writes it: everything under its wwwroot. */
function moodle(wwwroot: string, changes: Record<string, string> = {}): PlatformOpenIdConfiguration {
  return PlatformOpenIdConfiguration.parse({
    issuer: wwwroot,
    token_endpoint: `${wwwroot}/mod/lti/token.php`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    jwks_uri: `${wwwroot}/mod/lti/certs.php`,
    authorization_endpoint: `${wwwroot}/mod/lti/auth.php`,
    registration_endpoint: `${wwwroot}/mod/lti/openid-registration.php`,
    id_token_signing_alg_values_supported: ['RS256'],
    'https://purl.imsglobal.org/spec/lti-platform-configuration': { product_family_code: 'moodle' },
    ...changes,
  });
}

function refusal(configurationUrl: string, configuration: PlatformOpenIdConfiguration): string | undefined {
  try {
    checkConfigurationOrigins(new URL(configurationUrl), configuration);
    return undefined;
  } catch (err) {
    assert.ok(err instanceof AppError);
    return `${err.code} ${String(err.params.field ?? '')}`.trim();
  }
}

describe('dynamic registration: one origin for the configuration, its issuer and its endpoints', () => {
  it('accepts Moodle at its own origin, in a subdirectory, with the default port written or not', () => {
    assert.equal(refusal('https://moodle.univ.example/mod/lti/openid-configuration.php', moodle('https://moodle.univ.example')), undefined);
    assert.equal(refusal('https://univ.example/moodle/mod/lti/openid-configuration.php', moodle('https://univ.example/moodle')), undefined);
    assert.equal(refusal('https://MOODLE.univ.example:443/mod/lti/openid-configuration.php', moodle('https://moodle.univ.example')), undefined);
  });

  it('refuses a configuration served from another origin than the issuer it claims', () => {
    const issuer = moodle('https://moodle.univ.example');
    for (const url of [
      'https://moodle.univ.example.evil.net/mod/lti/openid-configuration.php', // the old prefix check let this through
      'https://moodle.univ.example:8443/mod/lti/openid-configuration.php',
      'http://moodle.univ.example/mod/lti/openid-configuration.php',
      'https://evil.net/https://moodle.univ.example/openid-configuration.php',
    ]) {
      assert.equal(refusal(url, issuer), 'registration-origin-mismatch', url);
    }
  });

  it('refuses endpoints and keys on any other origin', () => {
    const url = 'https://moodle.univ.example/mod/lti/openid-configuration.php';
    for (const field of ['registration_endpoint', 'jwks_uri', 'authorization_endpoint', 'token_endpoint']) {
      assert.equal(refusal(url, moodle('https://moodle.univ.example', { [field]: 'https://moodle.univ.example.evil.net/x' })), `registration-endpoint-origin ${field}`);
    }
  });
});

describe('amphi registration open --ttl', () => {
  it('reads seconds, minutes, hours and days, and nothing else', () => {
    assert.equal(parseTtl('90s'), 90);
    assert.equal(parseTtl('30m'), 1800);
    assert.equal(parseTtl('1h'), 3600);
    assert.equal(parseTtl('7d'), 604800);
    for (const bad of ['', '1', 'h', '1.5h', '-1h', '1w', '1h30m', 'soon']) assert.equal(parseTtl(bad), undefined, bad);
  });
});
