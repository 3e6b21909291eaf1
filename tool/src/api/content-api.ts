import type { SessionResponse } from '../session/session-types.js';
import { callApi, type ApiClient } from './api-client.js';
import type {
  CourseListResponse,
  CourseSummary,
  CreateResourceBody,
  DeepLinkingResponseBody,
  DeepLinkingResponseResponse,
  ResourceKind,
  ResourceListResponse,
  ResourceResponse,
  UpdateResourceBody,
} from './api-types.js';

/** The content API (src/content/resource.view.ts lists the routes). */

/** Where to look: this course, all the teacher's courses, or one course by its id. */
export type ResourceSource = 'current' | 'all' | { courseId: string };

export interface ResourceQuery {
  kind?: ResourceKind;
  q?: string;
  source?: ResourceSource;
}

export async function listResources(client: ApiClient, query: ResourceQuery = {}): Promise<ResourceResponse[]> {
  const params = new URLSearchParams();
  if (query.kind) params.set('kind', query.kind);
  if (query.q?.trim()) params.set('q', query.q.trim());
  const source = query.source ?? 'current';
  params.set('course', typeof source === 'string' ? source : source.courseId);
  const { items } = await callApi<ResourceListResponse>(client, `/api/resources?${params}`);
  return items;
}

export async function listCourses(client: ApiClient): Promise<CourseSummary[]> {
  const { courses } = await callApi<CourseListResponse>(client, '/api/resources/courses');
  return courses;
}

export function createResource(client: ApiClient, body: CreateResourceBody): Promise<ResourceResponse> {
  return callApi<ResourceResponse>(client, '/api/resources', { method: 'POST', body });
}

export function getResource(client: ApiClient, id: string): Promise<ResourceResponse> {
  return callApi<ResourceResponse>(client, `/api/resources/${encodeURIComponent(id)}`);
}

export function updateResource(client: ApiClient, id: string, body: UpdateResourceBody): Promise<ResourceResponse> {
  return callApi<ResourceResponse>(client, `/api/resources/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

/** Makes the launched resource link show this resource; answers the session with its new route. */
export function setLinkResource(client: ApiClient, resourceId: string): Promise<SessionResponse> {
  return callApi<SessionResponse>(client, '/api/resource-link/resource', { method: 'PUT', body: { resourceId } });
}

/** The signed LtiDeepLinkingResponse to post back to the platform (`items: []` cancels). */
export function createDeepLinkingResponse(client: ApiClient, body: DeepLinkingResponseBody): Promise<DeepLinkingResponseResponse> {
  return callApi<DeepLinkingResponseResponse>(client, '/api/deep-linking/response', { method: 'POST', body });
}
