import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { LRS_SINKS_ENV, lrsSinksConfig, lrsSinksEnvIssues, type LrsSinksConfig } from './lrs-sinks.js';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const httpUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/**
 * Every setting Amphi reads, from the environment. Parsed once at boot and passed down
 * (`buildApp(config)`); nothing else reads process.env.
 */
const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: httpUrl.optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
    SECRET_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/=_-]{43,}$/, 'must be 32 random bytes in base64 (openssl rand -base64 32)')
      .optional(),
    TRUST_PROXY: z.string().default('loopback'),
    OUTBOUND_ALLOW: z
      .string()
      .transform((v, ctx) => {
        const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
        for (const entry of entries) {
          const problem = outboundAllowProblem(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(entry)} ${problem}` });
        }
        return entries;
      })
      .default([]),
    // `amphi worker` answers GET /metrics on this port (it has no other listener); unset: none.
    WORKER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
    // Who may read /metrics (src/metrics): addresses and CIDR blocks, `none` for nobody.
    METRICS_ALLOW: z
      .string()
      .transform((v, ctx) => {
        if (v.trim() === 'none') return [];
        const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
        for (const entry of entries) {
          const problem = metricsAllowProblem(entry);
          if (problem) ctx.addIssue({ code: 'custom', message: `${JSON.stringify(entry)} ${problem}` });
        }
        return entries;
      })
      .default(['127.0.0.0/8', '::1']),
    BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 1mb').default('100kb'),
    LTI_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    LTI_STATE_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
    LTI_SESSION_TTL_SECONDS: z.coerce.number().int().min(300).max(86400).default(3600),
    LTI_SESSION_MAX_AGE_SECONDS: z.coerce.number().int().min(300).max(7 * 86400).default(12 * 3600),
    LTI_KEY_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(30),
    // code: a new platform needs a one-time code an operator issued (amphi registration open);
    // open: anyone who can reach Amphi may register a platform (a lab only); closed: none.
    LTI_DYNAMIC_REGISTRATION: z.enum(['code', 'open', 'closed']).default('code'),
    LTI_NEW_PLATFORM_ALLOWS_NEW_DEPLOYMENTS: booleanFromEnv.default(false),
    LTI_JWKS_CACHE_SECONDS: z.coerce.number().int().min(0).max(86400).default(600),
    LTI_JWKS_COOLDOWN_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    ROSTER_MAX_AGE_SECONDS: z.coerce.number().int().min(0).max(7 * 86400).default(3600),
    GRADES_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2000),
    GRADES_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(20),
    GRADES_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
    LRS_BODY_LIMIT: z.string().regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb or 20mb').default('20mb'),
    LRS_QUERY_LIMIT: z.coerce.number().int().min(1).max(10000).default(500),
    ...LRS_SINKS_ENV,
    JOBS_IN_SERVER: booleanFromEnv.default(true),
    JOBS_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
    JOBS_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
    JOBS_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
    JOBS_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(5000),
    FFMPEG_PATH: z.string().min(1).default('ffmpeg'),
    FFPROBE_PATH: z.string().min(1).default('ffprobe'),
    VIDEO_MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(5 * 1024 ** 3),
    VIDEO_MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(7 * 86400).default(6 * 3600),
    VIDEO_UPLOAD_EXPIRY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(48),
    VIDEO_MAX_PLAYBACK_RATE: z.coerce.number().min(1).max(4).default(2),
    // Media storage (src/video/storage): local disk under DATA_DIR, or an S3-compatible bucket.
    MEDIA_STORAGE: z.enum(['local', 's3']).default('local'),
    S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lower-case letters, digits, dots, hyphens)').optional(),
    S3_ENDPOINT: httpUrl.optional(),
    S3_PUBLIC_ENDPOINT: httpUrl.optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_FORCE_PATH_STYLE: booleanFromEnv.default(false),
    S3_ACCESS_KEY_ID: z.string().min(1).optional(),
    S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
    CLASSROOM_BBB_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(5000),
    CLASSROOM_MAX_PRESENTATION_BYTES: z.coerce.number().int().min(1024).default(30 * 1024 ** 2),
    CLASSROOM_MEETING_CHECK_SECONDS: z.coerce.number().int().min(0).max(300).default(10),
    // Captions (src/captions). Vosk models: VOSK_MODEL_<LANG>=<dir> (read by voskModels below).
    VOSK_LIBRARY: z.string().min(1).optional(),
    POCKETSPHINX: z.enum(['auto', 'off']).default('auto'),
    CAPTIONS_AUTO_LANG: z.string().regex(/^[a-z]{2,3}$/, 'must be a language code such as fr or en').default('fr'),
    CAPTIONS_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
    CAPTIONS_MAX_IMPORT_BYTES: z.coerce.number().int().min(1024).max(50 * 1024 ** 2).default(2 * 1024 ** 2),
    CAPTIONS_MAX_LINES: z.coerce.number().int().min(1).max(4).default(2),
    CAPTIONS_MAX_LINE_LENGTH: z.coerce.number().int().min(20).max(80).default(42),
    CAPTIONS_MAX_DURATION_SECONDS: z.coerce.number().min(2).max(20).default(7),
    CAPTIONS_MIN_DURATION_SECONDS: z.coerce.number().min(0.3).max(3).default(1),
    CAPTIONS_MAX_CHARS_PER_SECOND: z.coerce.number().min(8).max(40).default(20),
    // Data protection (docs/data-protection.md): default retention periods in days; a platform may set its own.
    RETENTION_STATEMENTS_DAYS: z.coerce.number().int().min(1).max(3650).default(395),
    RETENTION_VIDEO_VIEWS_DAYS: z.coerce.number().int().min(1).max(3650).default(395),
    RETENTION_ATTENDANCE_DAYS: z.coerce.number().int().min(1).max(3650).default(395),
    RETENTION_LAUNCH_LOGS_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    RETENTION_AUDIT_LOG_DAYS: z.coerce.number().int().min(30).max(3650).default(365),
  })
  .superRefine((env, ctx) => {
    for (const issue of lrsSinksEnvIssues(env)) ctx.addIssue({ code: 'custom', ...issue });
    if (!env.DATABASE_URL && !env.JOBS_IN_SERVER) {
      ctx.addIssue({
        code: 'custom',
        path: ['JOBS_IN_SERVER'],
        message: 'cannot be false with the embedded database: only the server may open it, so no `amphi worker` could run the jobs (set DATABASE_URL to use workers)',
      });
    }
    if (env.MEDIA_STORAGE === 's3' && !env.S3_BUCKET) {
      ctx.addIssue({ code: 'custom', path: ['S3_BUCKET'], message: 'is required with MEDIA_STORAGE=s3 (the bucket holding the media)' });
    }
    if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
      ctx.addIssue({ code: 'custom', path: [env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'], message: 'must be set together with its pair (S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY), or neither to use the AWS default credentials' });
    }
    if (env.DATABASE_URL && !env.SECRET_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SECRET_KEY'],
        message:
          'is required with DATABASE_URL: every process sharing the database must decrypt the same secrets (openssl rand -base64 32)',
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  http: { port: number; host: string; publicUrl: string; trustProxy: string; bodyLimit: string };
  /**
   * Requests to URLs that came through the web (src/http/outbound): addresses (`10.0.0.5`,
   * `10.0.0.0/8`, optionally with a port: `10.0.0.5:8443`, `[fd00::1]:443`) that may be reached
   * although they are loopback, private, link-local or metadata addresses.
   */
  outbound: { allow: string[] };
  /**
   * Addresses and CIDR blocks that may read /metrics (req.ip: through TRUST_PROXY); loopback by
   * default. `workerPort`: where `amphi worker` serves its own /metrics (HOST), if anywhere.
   */
  metrics: { allow: string[]; workerPort: number | undefined };
  dataDir: string;
  database: { url: string | undefined; poolSize: number };
  logLevel: (typeof LOG_LEVELS)[number];
  /** base64 of 32 bytes; when absent, a key file in DATA_DIR is used (embedded mode only). */
  secretKey: string | undefined;
  lti: {
    clockSkewSeconds: number;
    stateTtlSeconds: number;
    sessionTtlSeconds: number;
    sessionMaxAgeSeconds: number;
    keyRetentionDays: number;
    dynamicRegistration: 'code' | 'open' | 'closed';
    newPlatformAllowsNewDeployments: boolean;
    jwksCacheSeconds: number;
    jwksCooldownSeconds: number;
  };
  /** How long the NRPS copy of a course roster is served before the platform is asked again. */
  roster: { maxAgeSeconds: number };
  /** Score delivery to the platforms (AGS): first retry delay (doubling, capped at 1 h), attempts before a score fails, deliveries at once. */
  grades: { retryBaseMs: number; maxAttempts: number; concurrency: number };
  /** The LRS: largest request (statements with attachments, documents), most statements per page. */
  lrs: { bodyLimit: string; queryLimit: number };
  /** Forwarding of accepted statements to Elasticsearch and/or another LRS (lrs/sinks). */
  lrsSinks: LrsSinksConfig;
  /**
   * The job queue (src/jobs): run workers inside the server (else only `amphi worker` does), jobs
   * at once per process, how long a claimed job stays a worker's without a heartbeat, how often an
   * idle worker looks for work, first retry delay (doubling).
   */
  jobs: { inServer: boolean; concurrency: number; leaseSeconds: number; pollMs: number; retryBaseMs: number };
  /**
   * Video: ffmpeg/ffprobe binaries, largest upload (a platform may set a lower one), how long a
   * signed media URL lives, how long an unfinished upload is kept.
   */
  video: {
    ffmpegPath: string;
    ffprobePath: string;
    maxUploadBytes: number;
    mediaUrlTtlSeconds: number;
    uploadExpiryHours: number;
    /** The fastest playback the player offers: watched time is credited at most this fast (tracking). */
    maxPlaybackRate: number;
  };
  /**
   * Where media bytes live (src/video/storage): `local` under DATA_DIR/media (the default), or
   * `s3`. `s3` holds the bucket settings whenever S3_BUCKET is set, so `amphi media migrate --to s3`
   * can copy a local library before the switch. The endpoint is the operator's: not an outbound
   * address check. `publicEndpoint` is the origin players fetch presigned URLs from, when it differs.
   */
  storage: { kind: 'local' | 's3'; s3: S3StorageConfig | undefined };
  /**
   * Virtual classrooms (src/classroom): how long a call to BigBlueButton may take, the largest
   * presentation a teacher may upload (BBB's own default limit is 30 MB), how long a join trusts
   * what BBB last said about a meeting (a moderator's join after that asks BBB again).
   */
  classroom: { bbbTimeoutMs: number; maxPresentationBytes: number; meetingCheckSeconds: number };
  /**
   * Captions: the speech engines (a Vosk model directory per language; pocketsphinx's English
   * when Debian's package is there), the language of automatic captions after an upload, how
   * many chunks of one media are recognised at once (default: the cores), the largest imported
   * file, and the limits of a readable cue.
   */
  captions: {
    vosk: { library: string | undefined; models: Record<string, string> };
    pocketsphinx: 'auto' | 'off';
    autoLang: string;
    concurrency: number;
    maxImportBytes: number;
    /** The same shape as captions' CueLimits (src/captions/format/cue.ts). */
    limits: { maxLines: number; maxLineLength: number; maxDuration: number; minDuration: number; maxCharsPerSecond: number };
  };
  /** Default retention periods in days (docs/data-protection.md); a platform may set its own, except for the audit log. */
  retention: { statementsDays: number; videoViewsDays: number; attendanceDays: number; launchLogsDays: number; auditLogDays: number };
}

export interface S3StorageConfig {
  bucket: string;
  endpoint: string | undefined;
  publicEndpoint: string | undefined;
  region: string;
  forcePathStyle: boolean;
  /** Undefined: the AWS SDK's default chain (environment, instance role). Never logged. */
  credentials: { accessKeyId: string; secretAccessKey: string } | undefined;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(stripEmpty(env));
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${String(i.path[0] ?? 'environment')}: ${i.message}`),
    );
  }
  const e = parsed.data;
  return {
    http: {
      port: e.PORT,
      host: e.HOST,
      publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
      trustProxy: e.TRUST_PROXY,
      bodyLimit: e.BODY_LIMIT,
    },
    outbound: { allow: e.OUTBOUND_ALLOW },
    metrics: { allow: e.METRICS_ALLOW, workerPort: e.WORKER_METRICS_PORT },
    dataDir: path.resolve(e.DATA_DIR),
    database: { url: e.DATABASE_URL, poolSize: e.DATABASE_POOL_SIZE },
    logLevel: e.LOG_LEVEL,
    secretKey: e.SECRET_KEY,
    lti: {
      clockSkewSeconds: e.LTI_CLOCK_SKEW_SECONDS,
      stateTtlSeconds: e.LTI_STATE_TTL_SECONDS,
      sessionTtlSeconds: e.LTI_SESSION_TTL_SECONDS,
      sessionMaxAgeSeconds: e.LTI_SESSION_MAX_AGE_SECONDS,
      keyRetentionDays: e.LTI_KEY_RETENTION_DAYS,
      dynamicRegistration: e.LTI_DYNAMIC_REGISTRATION,
      newPlatformAllowsNewDeployments: e.LTI_NEW_PLATFORM_ALLOWS_NEW_DEPLOYMENTS,
      jwksCacheSeconds: e.LTI_JWKS_CACHE_SECONDS,
      jwksCooldownSeconds: e.LTI_JWKS_COOLDOWN_SECONDS,
    },
    roster: { maxAgeSeconds: e.ROSTER_MAX_AGE_SECONDS },
    grades: { retryBaseMs: e.GRADES_RETRY_BASE_MS, maxAttempts: e.GRADES_MAX_ATTEMPTS, concurrency: e.GRADES_CONCURRENCY },
    lrs: { bodyLimit: e.LRS_BODY_LIMIT, queryLimit: e.LRS_QUERY_LIMIT },
    lrsSinks: lrsSinksConfig(e),
    jobs: {
      inServer: e.JOBS_IN_SERVER,
      concurrency: e.JOBS_CONCURRENCY,
      leaseSeconds: e.JOBS_LEASE_SECONDS,
      pollMs: e.JOBS_POLL_MS,
      retryBaseMs: e.JOBS_RETRY_BASE_MS,
    },
    video: {
      ffmpegPath: e.FFMPEG_PATH,
      ffprobePath: e.FFPROBE_PATH,
      maxUploadBytes: e.VIDEO_MAX_UPLOAD_BYTES,
      mediaUrlTtlSeconds: e.VIDEO_MEDIA_URL_TTL_SECONDS,
      uploadExpiryHours: e.VIDEO_UPLOAD_EXPIRY_HOURS,
      maxPlaybackRate: e.VIDEO_MAX_PLAYBACK_RATE,
    },
    storage: {
      kind: e.MEDIA_STORAGE,
      s3: e.S3_BUCKET
        ? {
            bucket: e.S3_BUCKET,
            endpoint: e.S3_ENDPOINT,
            publicEndpoint: e.S3_PUBLIC_ENDPOINT,
            region: e.S3_REGION,
            forcePathStyle: e.S3_FORCE_PATH_STYLE,
            credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
          }
        : undefined,
    },
    classroom: {
      bbbTimeoutMs: e.CLASSROOM_BBB_TIMEOUT_MS,
      maxPresentationBytes: e.CLASSROOM_MAX_PRESENTATION_BYTES,
      meetingCheckSeconds: e.CLASSROOM_MEETING_CHECK_SECONDS,
    },
    captions: {
      vosk: { library: e.VOSK_LIBRARY ? path.resolve(e.VOSK_LIBRARY) : undefined, models: voskModels(env) },
      pocketsphinx: e.POCKETSPHINX,
      autoLang: e.CAPTIONS_AUTO_LANG,
      concurrency: e.CAPTIONS_CONCURRENCY ?? os.availableParallelism(),
      maxImportBytes: e.CAPTIONS_MAX_IMPORT_BYTES,
      limits: {
        maxLines: e.CAPTIONS_MAX_LINES,
        maxLineLength: e.CAPTIONS_MAX_LINE_LENGTH,
        maxDuration: e.CAPTIONS_MAX_DURATION_SECONDS,
        minDuration: e.CAPTIONS_MIN_DURATION_SECONDS,
        maxCharsPerSecond: e.CAPTIONS_MAX_CHARS_PER_SECOND,
      },
    },
    retention: {
      statementsDays: e.RETENTION_STATEMENTS_DAYS,
      videoViewsDays: e.RETENTION_VIDEO_VIEWS_DAYS,
      attendanceDays: e.RETENTION_ATTENDANCE_DAYS,
      launchLogsDays: e.RETENTION_LAUNCH_LOGS_DAYS,
      auditLogDays: e.RETENTION_AUDIT_LOG_DAYS,
    },
  };
}

/** VOSK_MODEL_FR=/srv/vosk/vosk-model-fr-0.22 → { fr: '/srv/vosk/…' } (one variable per language). */
function voskModels(env: NodeJS.ProcessEnv): Record<string, string> {
  const models: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    const lang = /^VOSK_MODEL_([A-Z]{2,3})$/.exec(name)?.[1];
    if (lang && value) models[lang.toLowerCase()] = path.resolve(value);
  }
  return models;
}

/** An empty variable (FOO=) means "not set", as in most twelve-factor tools. */
function stripEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''),
  );
}

/**
 * Why an OUTBOUND_ALLOW entry is not an address, a CIDR block, or either with a port
 * (`10.0.0.5`, `10.0.0.0/8`, `10.0.0.5:8443`, `fd00::/8`, `[fd00::1]:443`); undefined when it is one.
 */
export function outboundAllowProblem(entry: string): string | undefined {
  let rest = entry;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  let port: string | undefined;
  if (bracketed) {
    rest = bracketed[1]!;
    port = bracketed[2];
  } else if (/^[^:]+:\d+$/.test(entry)) {
    [rest, port] = entry.split(':') as [string, string];
  }
  if (port !== undefined && (Number(port) < 1 || Number(port) > 65535)) return 'has a port outside 1-65535';
  const [address, prefix, extra] = rest.split('/');
  if (extra !== undefined) return 'is not an address or a CIDR block';
  const family = net.isIP(address ?? '');
  if (!family) return 'is not an IP address or CIDR block (host names are not allowed: list the address they resolve to)';
  if (prefix !== undefined && (!/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128))) return 'has a bad prefix length';
  return undefined;
}

/** Why a METRICS_ALLOW entry is not an IPv4/IPv6 address or CIDR block (no ports, no names); undefined when it is one. */
export function metricsAllowProblem(entry: string): string | undefined {
  const [address, prefix, extra] = entry.split('/');
  if (extra !== undefined) return 'is not an address or a CIDR block';
  const family = net.isIP(address ?? '');
  if (!family) return 'is not an IP address or CIDR block such as 10.0.0.0/8 or fd00::/8 (host names and ports are not allowed)';
  if (prefix !== undefined && (!/^\d+$/.test(prefix) || Number(prefix) > (family === 4 ? 32 : 128))) return 'has a bad prefix length';
  return undefined;
}
