import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../src/config/config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration', () => {
  it('starts on embedded defaults with no environment at all', () => {
    const config = loadConfig({});
    assert.equal(config.http.port, 3000);
    assert.equal(config.http.publicUrl, 'http://localhost:3000');
    assert.equal(config.dataDir, path.resolve('./data'));
    assert.equal(config.database.url, undefined);
    assert.equal(config.logLevel, 'info');
  });

  it('refuses JOBS_IN_SERVER=false on the embedded database (no worker could ever run the jobs)', () => {
    assert.match(problems({ JOBS_IN_SERVER: 'false' }).join('\n'), /^JOBS_IN_SERVER: .*DATABASE_URL/m);
    const scaled = loadConfig({ JOBS_IN_SERVER: 'false', DATABASE_URL: 'postgres://db/amphi', SECRET_KEY: Buffer.alloc(32, 1).toString('base64') });
    assert.equal(scaled.jobs.inServer, false);
  });

  it('derives PUBLIC_URL from PORT and trims a trailing slash', () => {
    assert.equal(loadConfig({ PORT: '8080' }).http.publicUrl, 'http://localhost:8080');
    assert.equal(loadConfig({ PUBLIC_URL: 'https://amphi.univ.fr/' }).http.publicUrl, 'https://amphi.univ.fr');
  });

  it('treats an empty variable as unset', () => {
    assert.equal(loadConfig({ PORT: '', DATABASE_URL: '' }).http.port, 3000);
  });

  it('names every wrong setting', () => {
    const list = problems({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_URL: 'ftp://x', BODY_LIMIT: 'huge' });
    assert.equal(list.length, 4);
    for (const name of ['PORT', 'LOG_LEVEL', 'PUBLIC_URL', 'BODY_LIMIT']) assert.ok(list.some((p) => p.startsWith(`${name}:`)), name);
  });

  it('refuses a DATABASE_URL that is not PostgreSQL', () => {
    assert.match(problems({ DATABASE_URL: 'mysql://x', SECRET_KEY: Buffer.alloc(32).toString('base64') })[0]!, /^DATABASE_URL: must be a postgres:\/\/ URL/);
  });

  it('requires SECRET_KEY with PostgreSQL, where processes share secrets', () => {
    assert.match(problems({ DATABASE_URL: 'postgres://localhost/amphi' })[0]!, /^SECRET_KEY: is required with DATABASE_URL/);
    const ok = loadConfig({ DATABASE_URL: 'postgres://localhost/amphi', SECRET_KEY: Buffer.alloc(32, 1).toString('base64') });
    assert.equal(ok.database.url, 'postgres://localhost/amphi');
  });

  it('reads booleans and bounded numbers', () => {
    assert.equal(loadConfig({ LTI_NEW_PLATFORM_ALLOWS_NEW_DEPLOYMENTS: 'true' }).lti.newPlatformAllowsNewDeployments, true);
    assert.match(problems({ LTI_CLOCK_SKEW_SECONDS: '9999' })[0]!, /^LTI_CLOCK_SKEW_SECONDS:/);
    assert.match(problems({ LTI_NEW_PLATFORM_ALLOWS_NEW_DEPLOYMENTS: 'maybe' })[0]!, /^LTI_NEW_PLATFORM_ALLOWS_NEW_DEPLOYMENTS:/);
  });
});
