import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Express } from 'express';
import type { AppContext } from './app-context.js';
import { adminRoutes } from './admin/admin.routes.js';
import { homePageRoutes } from './admin/home-page.routes.js';
import { platformAdminRoutes } from './admin/platform-admin.routes.js';
import { errorHandler, notFoundHandler } from './http/error-handler.js';
import { healthRoutes } from './http/health.routes.js';
import { requestLogger } from './http/request-logger.js';
import { trustProxyValue } from './http/trust-proxy.js';
import { securityHeaders } from './http/security-headers.js';
import { ltiConfigRoutes } from './lti/registration/lti-config.routes.js';
import { openApiRoutes } from './openapi/openapi.routes.js';
import { registrationRoutes } from './lti/registration/registration.routes.js';
import { jwksRoutes } from './lti/keys/jwks.routes.js';
import { launchRoutes } from './lti/launch/launch.routes.js';
import { loginRoutes } from './lti/login/login.routes.js';
import { sessionRoutes } from './lti/session/session.routes.js';
import { gradesRoutes } from './grades/grades.routes.js';
import { resourceRoutes } from './content/resource.routes.js';
import { embedRoutes } from './content/embed.routes.js';
import { deepLinkingRoutes } from './lti/deep-linking/deep-linking.routes.js';
import { rosterRoutes } from './roster/roster.routes.js';
import { lrsRoutes } from './lrs/http/lrs.routes.js';
import { trackingRoutes } from './video/tracking/tracking.routes.js';
import { uploadRoutes } from './video/upload/upload.routes.js';
import { mediaRoutes } from './video/media/media.routes.js';
import { mediaOrigins, mediaStorage } from './video/storage/media-storage.js';
import { videoRoutes } from './video/video.routes.js';
import { allClassroomRoutes } from './classroom/classroom.routes.js';
import { bbbXapiRoutes } from './classroom/bbb-xapi/bbb-xapi.routes.js';
import { bbbWebhooksStatementsPath } from './classroom/bbb-xapi/bbb-webhooks-path.js';
import { analyticsRoutes } from './analytics/analytics.routes.js';
import { callbackRoutes } from './classroom/callbacks/callback.routes.js';
import { demoRoutes } from './demo/demo.routes.js';
import { captionFileRoutes } from './captions/caption-file.routes.js';
import { captionsRoutes } from './captions/captions.routes.js';
import { metricsRoutes } from './metrics/metrics.routes.js';
import { registerQueueGauges } from './metrics/queue-gauges.js';
import { requestMetrics } from './metrics/request-metrics.js';
import { jobQueueStats } from './jobs/job.service.js';
import { scoreOutboxBacklog } from './grades/score.service.js';
import { forwardingBacklog } from './lrs/sinks/forwarding.service.js';

export const PUBLIC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'public');

export interface AppOptions {
  /** Token the CLI presents on the loopback admin endpoint; absent means no admin endpoint. */
  adminToken?: string;
  publicDir?: string;
}

/** The whole HTTP surface. Routes stay thin: validate, call a service, answer. */
export function buildApp(ctx: AppContext, options: AppOptions = {}): Express {
  const publicDir = options.publicDir ?? PUBLIC_DIR;
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxyValue(ctx.config.http.trustProxy));
  app.set('query parser', 'simple');

  app.use(requestLogger(ctx.logger));
  app.use(requestMetrics(ctx.metrics, { mounts: ['/xapi', '/app/assets', '/static'] }));
  const storage = mediaStorage(ctx.config.dataDir);
  app.use(securityHeaders({ mediaOrigins: mediaOrigins(ctx.config) }));
  app.use(healthRoutes(ctx.db, [{ name: 'storage', check: () => storage.checkReady() }]));
  // The database's backlogs, read at each scrape through the features' services.
  registerQueueGauges(ctx.metrics, ctx.logger, {
    jobs: () => jobQueueStats(ctx.db),
    gradeOutbox: () => scoreOutboxBacklog(ctx),
    lrsForwarding: () => forwardingBacklog(ctx.db),
  });
  app.use(metricsRoutes({ metrics: ctx.metrics, allow: ctx.config.metrics.allow }));
  app.use(homePageRoutes());
  app.use(jwksRoutes(ctx));
  app.use(loginRoutes(ctx));
  app.use(launchRoutes(ctx, publicDir));
  app.use(registrationRoutes(ctx));
  app.use(ltiConfigRoutes(ctx));
  app.use(openApiRoutes(ctx));
  // Answers nothing unless `amphi demo` made a demo platform and PUBLIC_URL lets it run.
  app.use(demoRoutes(ctx));
  // Before the JSON parser: the LRS reads its bodies as bytes (multipart statements, documents of any type).
  app.use(bbbWebhooksStatementsPath);
  app.use(lrsRoutes(ctx));
  // Before the JSON parser too: the player's statements have their own limit and a text/plain (sendBeacon) form.
  app.use(trackingRoutes(ctx));
  // tus reads its own bodies (PATCH chunks); signed media files need no session.
  app.use(uploadRoutes(ctx));
  app.use(captionFileRoutes(ctx));
  app.use(mediaRoutes(ctx));
  // BBB's callbacks read their own bodies (a form; analytics larger than the API's limit).
  app.use(callbackRoutes(ctx));
  // Caption cues and imported files are larger than the API's JSON limit (their own, in captions.routes.ts).
  app.use(captionsRoutes(ctx));
  app.use(express.json({ limit: ctx.config.http.bodyLimit, type: ['application/json'] }));
  app.use(sessionRoutes(ctx));
  app.use(gradesRoutes(ctx));
  app.use(resourceRoutes(ctx));
  app.use(embedRoutes(ctx));
  app.use(deepLinkingRoutes(ctx));
  app.use(rosterRoutes(ctx));
  app.use(videoRoutes(ctx));
  app.use(allClassroomRoutes(ctx));
  app.use(bbbXapiRoutes(ctx));
  app.use(analyticsRoutes(ctx));
  app.use(platformAdminRoutes(ctx));
  if (options.adminToken) app.use(adminRoutes(ctx, options.adminToken));
  // Hashed file names: cache for a year. Everything else under /static for an hour.
  app.use('/app/assets', express.static(path.join(publicDir, 'app', 'assets'), { immutable: true, maxAge: '365d', index: false }));
  // The LMS shows our logo (logo_uri) on its own pages, from another site.
  const crossOrigin = (res: express.Response) => res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
  app.use('/static', express.static(path.join(publicDir, 'static'), { maxAge: '1h', index: false, setHeaders: crossOrigin }));
  app.use(notFoundHandler());
  app.use(errorHandler());
  return app;
}
