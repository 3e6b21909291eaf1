/**
 * The analytics feature's entry points for the rest of Amphi (the CLI, the demo, jobs): keeping
 * the rollups current and rebuilding them. Dashboards are read through analytics.routes.ts.
 */
export { rebuildAnalytics, refreshAnalytics, ROLLUP_DEFINITIONS, type RefreshOutcome } from './rollup/rollup.service.js';
export { startAnalyticsRefresh } from './rollup/refresh-schedule.js';
