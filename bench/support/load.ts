import http from 'node:http';
import { Worker } from 'node:worker_threads';
import { exportJWK } from 'jose';
import { BrowserClient } from '../../test/support/browser-client.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../test/support/test-platform.js';
import { LeanBrowser } from './lean-browser.js';

/**
 * N users, each doing full launches back to back as a browser inside Moodle does:
 * GET /lti/login → 302 → platform auth.php (signs the id_token) → POST /lti/launch → 200 app page.
 */
export interface LaunchSample {
  /** When the launch started (performance.now()). */
  at: number;
  /** Login start (open loop: scheduled arrival) to app page read. */
  e2eMs: number;
  /** What the tool spends: the login request plus the launch request (platform time excluded). */
  toolMs: number;
  loginMs: number;
  /** The platform's auth step (in Moodle, another machine): request, id_token signing, form. */
  authMs: number;
  launchMs: number;
}

export interface LoadResult {
  samples: LaunchSample[];
  errors: number;
  errorMessages: Map<string, number>;
  elapsedMs: number;
  startedAt: number;
}

/** The undici Agent class bundled with Node (fetch's own), without adding undici as a dependency. */
async function undiciAgentClass(): Promise<new (options: Record<string, unknown>) => { close(): Promise<void> }> {
  const symbol = Symbol.for('undici.globalDispatcher.1');
  if (!(globalThis as Record<symbol, unknown>)[symbol]) await fetch('http://127.0.0.1:1').catch(() => undefined);
  const dispatcher = (globalThis as Record<symbol, { constructor: unknown } | undefined>)[symbol];
  if (!dispatcher) throw new Error('cannot find the fetch dispatcher of this Node version');
  return dispatcher.constructor as new (options: Record<string, unknown>) => { close(): Promise<void> };
}

/** A BrowserClient whose requests go through one keep-alive Agent sized for every user. */
class BenchBrowser extends BrowserClient {
  constructor(private readonly dispatcher: unknown) {
    super({ acceptLanguage: 'en' });
  }
  override request(url: string, init: RequestInit = {}): Promise<Response> {
    return super.request(url, { ...init, dispatcher: this.dispatcher } as RequestInit);
  }
}

export type SignMode = 'inline' | 'worker';
/** `http`: node:http with a keep-alive Agent (lean); `fetch`: fetch with a keep-alive undici Agent. */
export type ClientMode = 'http' | 'fetch';

export interface LoadDriver {
  run(seconds: number, rate?: number, stop?: AbortSignal): Promise<LoadResult>;
  /** `n` launches by one user, one after the other; returns how many succeeded. */
  sequential(n: number): Promise<number>;
  close(): Promise<void>;
}

export async function createLoadDriver(options: {
  platform: TestPlatform;
  toolUrl: string;
  users: number;
  /** Users are spread over this many courses (one resource link each). */
  courses: number;
  sign: SignMode;
  client: ClientMode;
}): Promise<LoadDriver> {
  // Each user has at most one request in flight: one connection per user and origin is enough.
  let closeAgent: () => Promise<void> | void;
  let makeBrowser: () => BrowserClient;
  if (options.client === 'fetch') {
    const Agent = await undiciAgentClass();
    const agent = new Agent({ connections: options.users + 8, pipelining: 1, keepAliveTimeout: 60_000, keepAliveMaxTimeout: 600_000 });
    makeBrowser = () => new BenchBrowser(agent);
    closeAgent = () => agent.close();
  } else {
    const agent = new http.Agent({ keepAlive: true, maxSockets: options.users + 8, keepAliveMsecs: 60_000 });
    makeBrowser = () => new LeanBrowser(agent);
    closeAgent = () => agent.destroy();
  }
  const signer = options.sign === 'worker' ? await startSignWorker(options.platform) : undefined;
  const browsers = Array.from({ length: options.users }, makeBrowser);
  const specs = browsers.map((_, i) => specFor(i, options.courses, signer?.sign));

  /**
   * Closed loop (no `rate`): every user launches again as soon as the last launch ended.
   * Open loop (`rate` launches/s, Poisson arrivals): launches arrive on schedule whatever the
   * server does and wait for a free user; latency counts from the scheduled arrival, so a server
   * falling behind shows as latency (no coordinated omission).
   */
  async function run(seconds: number, rate?: number, stop?: AbortSignal): Promise<LoadResult> {
    const samples: LaunchSample[] = [];
    const errorMessages = new Map<string, number>();
    let errors = 0;
    const start = performance.now();
    let deadline = start + seconds * 1000;
    stop?.addEventListener('abort', () => (deadline = Math.min(deadline, performance.now())), { once: true });
    if (stop?.aborted) deadline = start;
    const once = async (i: number, arrivedAt: number) => {
      try {
        const sample = await launchOnce(options.platform, options.toolUrl, specs[i]!, browsers[i]!, arrivedAt);
        if (performance.now() <= deadline) samples.push(sample);
      } catch (err) {
        errors++;
        const message = (err instanceof Error ? err.message : String(err)).slice(0, 300);
        errorMessages.set(message, (errorMessages.get(message) ?? 0) + 1);
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    if (rate === undefined) {
      const user = async (i: number) => {
        while (performance.now() < deadline) await once(i, performance.now());
      };
      await Promise.all(browsers.map((_, i) => user(i)));
    } else {
      const arrivals: number[] = [];
      const idle: number[] = browsers.map((_, i) => i);
      const running = new Set<Promise<void>>();
      const dispatch = () => {
        while (arrivals.length && idle.length) {
          const i = idle.shift()!;
          const p: Promise<void> = once(i, arrivals.shift()!).then(() => {
            idle.push(i);
            running.delete(p);
            dispatch();
          });
          running.add(p);
        }
      };
      let next = start;
      while (next < deadline) {
        const wait = next - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        arrivals.push(next);
        dispatch();
        next += -Math.log(1 - Math.random()) * (1000 / rate);
      }
      while (running.size) await Promise.race(running);
    }
    return { samples, errors, errorMessages, elapsedMs: Math.min(performance.now(), deadline) - start, startedAt: start };
  }

  async function sequential(n: number): Promise<number> {
    let ok = 0;
    for (let k = 0; k < n; k++) {
      try {
        await launchOnce(options.platform, options.toolUrl, specs[0]!, browsers[0]!, performance.now());
        ok++;
      } catch {
        // counted as not done
      }
    }
    return ok;
  }

  return {
    run,
    sequential,
    async close() {
      await signer?.close();
      await closeAgent();
    },
  };
}

async function launchOnce(platform: TestPlatform, toolUrl: string, spec: LaunchSpec, browser: BrowserClient, arrivedAt: number): Promise<LaunchSample> {
  const t0 = performance.now();
  const login = await platform.startLogin(toolUrl, spec, browser);
  const loginBody = await login.text();
  const t1 = performance.now();
  if (login.status !== 302) throw new Error(`login answered ${login.status}: ${loginBody.slice(0, 200)}`);
  const form = await platform.authorize(login.headers.get('location')!, browser);
  const t2 = performance.now();
  const response = await browser.postForm(form.action, form.fields);
  const html = await response.text();
  const t3 = performance.now();
  if (response.status !== 200 || !html.includes('id="amphi-bootstrap"')) {
    throw new Error(`launch answered ${response.status}: ${html.replace(/\s+/g, ' ').slice(0, 200)}`);
  }
  return { at: arrivedAt, e2eMs: t3 - arrivedAt, toolMs: t1 - t0 + (t3 - t2), loginMs: t1 - t0, authMs: t2 - t1, launchMs: t3 - t2 };
}

/** One user as Moodle would describe them; every 16th is a teacher. */
function specFor(i: number, courses: number, idToken?: (payload: Record<string, unknown>) => Promise<string>): LaunchSpec {
  const course = i % courses;
  return {
    sub: `bench-user-${i}`,
    name: `Bench User ${i}`,
    givenName: 'Bench',
    familyName: `User ${i}`,
    email: `bench-user-${i}@example.test`,
    roles: [i % 16 === 0 ? ROLE.instructor : ROLE.learner],
    locale: 'en',
    context: { id: `course-${course}`, title: `Bench course ${course}`, label: `BENCH${course}` },
    resourceLink: { id: `activity-${course}`, title: 'Week 1 lecture' },
    ...(idToken ? { idToken } : {}),
  };
}

/** RS256 signing of the platform's id_tokens on a worker thread (same key, kid and claims). */
async function startSignWorker(platform: TestPlatform) {
  const jwk = await exportJWK(platform.currentKey.privateKey);
  const worker = new Worker(new URL('./sign-worker.mjs', import.meta.url), { workerData: { jwk, kid: platform.currentKey.kid } });
  const waiting = new Map<number, { resolve: (t: string) => void; reject: (e: Error) => void }>();
  let next = 0;
  await new Promise<void>((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', () => resolve());
  });
  worker.on('message', (m: { id: number; token?: string; error?: string }) => {
    const w = waiting.get(m.id);
    waiting.delete(m.id);
    if (m.token) w?.resolve(m.token);
    else w?.reject(new Error(m.error ?? 'signing failed'));
  });
  return {
    sign(payload: Record<string, unknown>): Promise<string> {
      const id = next++;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, payload });
      });
    },
    async close() {
      await worker.terminate();
    },
  };
}
