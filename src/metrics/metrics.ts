import { Counter, Histogram, Registry } from 'prom-client';
import { timeOutcome } from './timing.js';

/**
 * The metric handles features record into, on a registry of their own per context: tests build
 * several apps in one process, and prom-client's default registry would mix (and refuse) them.
 * Counters and histograms live in the process that records them (a server, an `amphi worker`);
 * the gauges read from the database (registerDbGauge) are the same wherever they are scraped.
 */
export interface Metrics {
  readonly registry: Registry;
  /** Per Express route pattern (never the raw URL: bounded cardinality). */
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status_class'>;
  /** `success`, `cookies-blocked`, or the refusal's error code (unknown-state, invalid-id-token…). */
  readonly launches: Counter<'outcome'>;
  /** Job runs that threw: `retry` (queued again after a backoff) or `failed` (last attempt). */
  readonly jobFailures: Counter<'kind' | 'outcome'>;
  /** Score deliveries to the platforms (AGS): `sent`, `retry`, `failed`. */
  readonly gradeDeliveries: Counter<'outcome'>;
  /** Statements a forwarding sink did not take: `retry` or `failed` (refused for good). */
  readonly lrsForwardingFailures: Counter<'sink' | 'outcome'>;
  /** Statements accepted by the LRS: from `client`s (LRS credentials), `amphi` itself, or `page`s (the player). */
  readonly lrsStatementsIngested: Counter<'source'>;
  /** Wall time of one ffmpeg transcode: `succeeded`, `failed`, `aborted`. */
  readonly transcodeSeconds: Histogram<'outcome'>;
  /** Times a transcode (the promise of ffmpeg's run, passed as soon as it is made) into transcodeSeconds. */
  timeTranscode<T>(signal: AbortSignal | undefined, work: Promise<T>): Promise<T>;
  /** Per BigBlueButton API call (create, join is a URL, getMeetingInfo…). */
  readonly bbbCallDuration: Histogram<'call'>;
  /** `failed`: BBB answered FAILED; `unavailable`: no usable answer (down, timeout, not BBB's XML). */
  readonly bbbCallFailures: Counter<'call' | 'kind'>;
}

export const METRIC_PREFIX = 'amphi_';

export function createMetrics(): Metrics {
  const registry = new Registry();
  const registers = [registry];
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) =>
    new Counter<L>({ name: METRIC_PREFIX + name, help, labelNames, registers });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name: METRIC_PREFIX + name, help, labelNames, buckets, registers });
  // A lecture takes minutes to hours to transcode.
  const transcodeSeconds = histogram('video_transcode_seconds', 'Wall time of video transcodes (ffmpeg), by outcome', ['outcome'], [5, 15, 30, 60, 120, 300, 600, 1200, 2400, 3600, 7200]);
  return {
    registry,
    httpRequestDuration: histogram(
      'http_request_duration_seconds',
      'HTTP request latency by method, route pattern and status class',
      ['method', 'route', 'status_class'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ),
    launches: counter('lti_launches_total', 'LTI launches by outcome (success, cookies-blocked or the refusal code)', ['outcome']),
    jobFailures: counter('job_failures_total', 'Job runs that failed, by job kind and outcome (retry or failed)', ['kind', 'outcome']),
    gradeDeliveries: counter('grade_deliveries_total', 'Score deliveries to the platforms (AGS) by outcome (sent, retry, failed)', ['outcome']),
    lrsForwardingFailures: counter('lrs_forwarding_failures_total', 'Statements a forwarding sink did not take, by sink and outcome (retry, failed)', ['sink', 'outcome']),
    lrsStatementsIngested: counter('lrs_statements_ingested_total', 'Statements accepted by the LRS, by source (client, amphi, page)', ['source']),
    transcodeSeconds,
    timeTranscode: (signal, work) => timeOutcome(transcodeSeconds, signal, work),
    bbbCallDuration: histogram('bbb_call_duration_seconds', 'BigBlueButton API call latency, by call', ['call'], [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]),
    bbbCallFailures: counter('bbb_call_failures_total', 'BigBlueButton API calls that failed, by call and kind (failed, unavailable)', ['call', 'kind']),
  };
}
