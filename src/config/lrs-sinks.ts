import { z } from 'zod';

/**
 * Where accepted statements are forwarded (src/lrs/sinks), from the environment: config.ts
 * spreads these variables into its schema and calls `lrsSinksConfig`. Kept under src/config
 * because the shared config layer imports no feature; the LRS reads it through
 * lrs/sinks/sink-config.ts. Both sinks are optional; with neither, forwarding costs nothing.
 */

const serviceUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/** The platform id stands for `{platform}`, lower-cased (Elasticsearch index names are lower case). */
export const PLATFORM_PLACEHOLDER = '{platform}';

/**
 * Elasticsearch's rules for an index name (lower case; none of \ / * ? " < > | space , # :; not
 * starting with - _ +; not . or ..; at most 255 bytes), checked with a platform id in place.
 */
export function isValidIndexTemplate(template: string): boolean {
  const name = indexName(template, '0f8fad5b-d9cb-469f-a165-70867728950e');
  return (
    name === name.toLowerCase() &&
    !/[\\/*?"<>| ,#:]/.test(name) &&
    !/^[-_+]/.test(name) &&
    name !== '.' &&
    name !== '..' &&
    name.length > 0 &&
    Buffer.byteLength(name) <= 255
  );
}

export function indexName(template: string, platformId: string): string {
  return template.replaceAll(PLATFORM_PLACEHOLDER, platformId.toLowerCase());
}

export const LRS_SINKS_ENV = {
  LRS_ELASTICSEARCH_URL: serviceUrl.optional(),
  LRS_ELASTICSEARCH_INDEX: z
    .string()
    .refine(isValidIndexTemplate, 'must be a lower-case Elasticsearch index name, {platform} standing for the platform id')
    // Statement ids are unique per platform only: in a shared index, two platforms' statements with one id would overwrite each other.
    .refine((t) => t.includes(PLATFORM_PLACEHOLDER), 'must contain {platform}: statement ids are unique per platform only, so each platform needs its own index')
    .default(`amphi-statements-${PLATFORM_PLACEHOLDER}`),
  LRS_ELASTICSEARCH_API_KEY: z.string().optional(),
  LRS_ELASTICSEARCH_USERNAME: z.string().optional(),
  LRS_ELASTICSEARCH_PASSWORD: z.string().optional(),
  /** PEM file of the CA that signed the cluster's certificate (Elasticsearch 8 makes its own by default). */
  LRS_ELASTICSEARCH_CA_FILE: z.string().optional(),
  /** The other LRS's xAPI base, e.g. https://ralph.example/xAPI/ (statements go to <url>/statements). */
  LRS_FORWARD_URL: serviceUrl.optional(),
  LRS_FORWARD_USERNAME: z.string().optional(),
  LRS_FORWARD_PASSWORD: z.string().optional(),
  LRS_FORWARDING_BATCH_SIZE: z.coerce.number().int().min(1).max(5000).default(500),
  LRS_FORWARDING_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
  LRS_FORWARDING_RETRY_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(600_000),
};

const SinksEnv = z.object(LRS_SINKS_ENV);
type SinksEnv = z.infer<typeof SinksEnv>;

type Issue = { path: string[]; message: string };

/** Settings that are valid one by one but not together; config.ts reports them with the rest. */
export function lrsSinksEnvIssues(env: SinksEnv): Issue[] {
  const issues: Issue[] = [];
  const pair = (user: keyof SinksEnv, password: keyof SinksEnv) => {
    if (Boolean(env[user]) !== Boolean(env[password])) {
      const missing = env[user] ? password : user;
      issues.push({ path: [missing], message: `is required with ${missing === user ? password : user}` });
    }
  };
  pair('LRS_ELASTICSEARCH_USERNAME', 'LRS_ELASTICSEARCH_PASSWORD');
  pair('LRS_FORWARD_USERNAME', 'LRS_FORWARD_PASSWORD');
  if (env.LRS_ELASTICSEARCH_API_KEY && env.LRS_ELASTICSEARCH_USERNAME) {
    issues.push({ path: ['LRS_ELASTICSEARCH_API_KEY'], message: 'and LRS_ELASTICSEARCH_USERNAME are two ways to sign in: set one' });
  }
  if (env.LRS_FORWARDING_RETRY_MAX_MS < env.LRS_FORWARDING_RETRY_BASE_MS) {
    issues.push({ path: ['LRS_FORWARDING_RETRY_MAX_MS'], message: 'must not be below LRS_FORWARDING_RETRY_BASE_MS' });
  }
  return issues;
}

export type ElasticsearchAuth = { apiKey: string } | { username: string; password: string };

export interface ElasticsearchSinkConfig {
  url: string;
  /** Index name, `{platform}` standing for the platform id. */
  index: string;
  auth: ElasticsearchAuth | undefined;
  caFile: string | undefined;
}

export interface XapiLrsSinkConfig {
  /** The xAPI base, without a trailing slash. */
  url: string;
  /** HTTP Basic credentials (Communication 4.1), when the LRS asks for them. */
  auth: { username: string; password: string } | undefined;
}

export interface LrsSinksConfig {
  elasticsearch: ElasticsearchSinkConfig | undefined;
  xapi: XapiLrsSinkConfig | undefined;
  /** Statements per request to a sink. */
  batchSize: number;
  /** First wait after a failure, doubling (with jitter) up to `retryMaxMs`; retried until delivered. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export function lrsSinksConfig(e: SinksEnv): LrsSinksConfig {
  const esAuth: ElasticsearchAuth | undefined = e.LRS_ELASTICSEARCH_API_KEY
    ? { apiKey: e.LRS_ELASTICSEARCH_API_KEY }
    : e.LRS_ELASTICSEARCH_USERNAME && e.LRS_ELASTICSEARCH_PASSWORD
      ? { username: e.LRS_ELASTICSEARCH_USERNAME, password: e.LRS_ELASTICSEARCH_PASSWORD }
      : undefined;
  return {
    elasticsearch: e.LRS_ELASTICSEARCH_URL
      ? { url: e.LRS_ELASTICSEARCH_URL, index: e.LRS_ELASTICSEARCH_INDEX, auth: esAuth, caFile: e.LRS_ELASTICSEARCH_CA_FILE }
      : undefined,
    xapi: e.LRS_FORWARD_URL
      ? {
          url: e.LRS_FORWARD_URL,
          auth: e.LRS_FORWARD_USERNAME && e.LRS_FORWARD_PASSWORD ? { username: e.LRS_FORWARD_USERNAME, password: e.LRS_FORWARD_PASSWORD } : undefined,
        }
      : undefined,
    batchSize: e.LRS_FORWARDING_BATCH_SIZE,
    retryBaseMs: e.LRS_FORWARDING_RETRY_BASE_MS,
    retryMaxMs: e.LRS_FORWARDING_RETRY_MAX_MS,
  };
}

export type SinkName = 'elasticsearch' | 'xapi';

/** The sinks to forward to, in a fixed order. */
export function configuredSinks(config: LrsSinksConfig): SinkName[] {
  const names: SinkName[] = [];
  if (config.elasticsearch) names.push('elasticsearch');
  if (config.xapi) names.push('xapi');
  return names;
}
