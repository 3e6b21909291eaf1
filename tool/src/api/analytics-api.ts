import { callApi, type ApiClient } from './api-client.js';
import type {
  CohortResponse,
  CourseOverviewResponse,
  GradesResponse,
  LearnerAnalyticsResponse,
  ResourceAnalyticsResponse,
  RiskResponse,
} from './analytics-types.js';

/** The analytics API (src/analytics/analytics.view.ts lists the routes). */

/** A calendar range (YYYY-MM-DD, inclusive) and the dashboard resource whose scope applies. */
export interface AnalyticsQuery {
  from?: string;
  to?: string;
  dashboard?: string;
}

function query(values: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value !== undefined && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function getCourseOverview(client: ApiClient, q: AnalyticsQuery): Promise<CourseOverviewResponse> {
  return callApi(client, `/api/analytics/course${query({ from: q.from, to: q.to, dashboard: q.dashboard })}`);
}

export function getCohort(client: ApiClient, q: AnalyticsQuery & { window?: number }): Promise<CohortResponse> {
  return callApi(client, `/api/analytics/course/cohort${query({ to: q.to, window: q.window, dashboard: q.dashboard })}`);
}

export function getRisk(client: ApiClient, q: AnalyticsQuery): Promise<RiskResponse> {
  return callApi(client, `/api/analytics/course/risk${query({ to: q.to, dashboard: q.dashboard })}`);
}

export function getGrades(client: ApiClient, q: AnalyticsQuery): Promise<GradesResponse> {
  return callApi(client, `/api/analytics/course/grades${query({ dashboard: q.dashboard })}`);
}

export function getResourceAnalytics(client: ApiClient, resourceId: string, q: AnalyticsQuery = {}): Promise<ResourceAnalyticsResponse> {
  return callApi(client, `/api/analytics/resources/${encodeURIComponent(resourceId)}${query({ from: q.from, to: q.to })}`);
}

export function getMyAnalytics(client: ApiClient, q: AnalyticsQuery): Promise<LearnerAnalyticsResponse> {
  return callApi(client, `/api/analytics/me${query({ from: q.from, to: q.to, dashboard: q.dashboard })}`);
}
