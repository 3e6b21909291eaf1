import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../../src/config/config.js';
import { configuredSinks, indexName, isValidIndexTemplate } from '../../../../src/lrs/sinks/sink-config.js';

function problems(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('forwarding configuration', () => {
  it('forwards nowhere by default', () => {
    const sinks = loadConfig({}).lrsSinks;
    assert.equal(sinks.elasticsearch, undefined);
    assert.equal(sinks.xapi, undefined);
    assert.deepEqual(configuredSinks(sinks), []);
    assert.deepEqual([sinks.batchSize, sinks.retryBaseMs, sinks.retryMaxMs], [500, 2000, 600_000]);
  });

  it('reads an Elasticsearch sink with an API key, the index per platform by default', () => {
    const sinks = loadConfig({ LRS_ELASTICSEARCH_URL: 'https://es.univ.fr:9200/', LRS_ELASTICSEARCH_API_KEY: 'a2V5' }).lrsSinks;
    assert.deepEqual(sinks.elasticsearch, { url: 'https://es.univ.fr:9200', index: 'amphi-statements-{platform}', auth: { apiKey: 'a2V5' }, caFile: undefined });
    assert.deepEqual(configuredSinks(sinks), ['elasticsearch']);
  });

  it('reads an Elasticsearch sink with a user and a CA file, and another LRS with Basic credentials', () => {
    const sinks = loadConfig({
      LRS_ELASTICSEARCH_URL: 'https://es:9200',
      LRS_ELASTICSEARCH_USERNAME: 'amphi',
      LRS_ELASTICSEARCH_PASSWORD: 's3cret',
      LRS_ELASTICSEARCH_CA_FILE: '/etc/amphi/es-ca.pem',
      LRS_ELASTICSEARCH_INDEX: 'xapi-{platform}',
      LRS_FORWARD_URL: 'https://ralph.univ.fr/xAPI/',
      LRS_FORWARD_USERNAME: 'amphi',
      LRS_FORWARD_PASSWORD: 'pw',
      LRS_FORWARDING_BATCH_SIZE: '100',
    }).lrsSinks;
    assert.deepEqual(sinks.elasticsearch?.auth, { username: 'amphi', password: 's3cret' });
    assert.equal(sinks.elasticsearch?.caFile, '/etc/amphi/es-ca.pem');
    assert.equal(sinks.elasticsearch?.index, 'xapi-{platform}');
    assert.deepEqual(sinks.xapi, { url: 'https://ralph.univ.fr/xAPI', auth: { username: 'amphi', password: 'pw' } });
    assert.equal(sinks.batchSize, 100);
    assert.deepEqual(configuredSinks(sinks), ['elasticsearch', 'xapi']);
  });

  it('names each variable that is wrong or missing its pair', () => {
    assert.deepEqual(problems({ LRS_FORWARD_URL: 'ftp://x' }), ['LRS_FORWARD_URL: must be an http:// or https:// URL']);
    assert.deepEqual(problems({ LRS_FORWARD_URL: 'https://x', LRS_FORWARD_USERNAME: 'u' }), ['LRS_FORWARD_PASSWORD: is required with LRS_FORWARD_USERNAME']);
    assert.deepEqual(problems({ LRS_ELASTICSEARCH_PASSWORD: 'p' }), ['LRS_ELASTICSEARCH_USERNAME: is required with LRS_ELASTICSEARCH_PASSWORD']);
    assert.match(problems({ LRS_ELASTICSEARCH_API_KEY: 'k', LRS_ELASTICSEARCH_USERNAME: 'u', LRS_ELASTICSEARCH_PASSWORD: 'p' }).join(), /^LRS_ELASTICSEARCH_API_KEY: /);
    assert.match(problems({ LRS_ELASTICSEARCH_INDEX: 'Amphi-{platform}' }).join(), /^LRS_ELASTICSEARCH_INDEX: must be a lower-case/);
    assert.match(problems({ LRS_ELASTICSEARCH_INDEX: 'statements' }).join(), /^LRS_ELASTICSEARCH_INDEX: must contain \{platform\}/);
    assert.match(problems({ LRS_FORWARDING_BATCH_SIZE: '0' }).join(), /^LRS_FORWARDING_BATCH_SIZE: /);
    assert.deepEqual(problems({ LRS_FORWARDING_RETRY_BASE_MS: '5000', LRS_FORWARDING_RETRY_MAX_MS: '1000' }), [
      'LRS_FORWARDING_RETRY_MAX_MS: must not be below LRS_FORWARDING_RETRY_BASE_MS',
    ]);
  });
});

describe('index names', () => {
  it('puts the platform id in lower case where {platform} stands', () => {
    assert.equal(indexName('amphi-statements-{platform}', 'AB12-CD'), 'amphi-statements-ab12-cd');
    assert.equal(indexName('xapi', 'AB12'), 'xapi');
  });

  it('accepts what Elasticsearch accepts as an index name, nothing else', () => {
    for (const ok of ['amphi-statements-{platform}', 'xapi', '{platform}', 'lrs.{platform}.v1']) assert.ok(isValidIndexTemplate(ok), ok);
    for (const bad of ['Amphi', '_x', '-x', '+x', 'a b', 'a,b', 'a#b', 'a:b', 'a/b', 'a*', '.', '..', '', 'x'.repeat(256)]) {
      assert.ok(!isValidIndexTemplate(bad), bad);
    }
  });
});
