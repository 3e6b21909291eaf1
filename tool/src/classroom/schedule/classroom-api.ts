import { ApiError, callApi, type ApiClient, type ProblemIssue } from '../../api/api-client.js';
import type { ClassroomResponse, UpdateClassroomBody } from '../../../../src/classroom/schedule/classroom.view.js';

export type { ClassroomResponse, OccurrenceView, TeacherClassroomSettings, UpdateClassroomBody } from '../../../../src/classroom/schedule/classroom.view.js';

/** The classroom settings API (src/classroom/schedule/classroom.view.ts lists the routes). */

const classroomPath = (resourceId: string) => `/api/classrooms/${encodeURIComponent(resourceId)}`;

export function getClassroom(client: ApiClient, resourceId: string): Promise<ClassroomResponse> {
  return callApi<ClassroomResponse>(client, classroomPath(resourceId));
}

export function updateClassroom(client: ApiClient, resourceId: string, body: UpdateClassroomBody): Promise<ClassroomResponse> {
  return callApi<ClassroomResponse>(client, classroomPath(resourceId), { method: 'PATCH', body });
}

export function deletePresentation(client: ApiClient, resourceId: string): Promise<ClassroomResponse> {
  return callApi<ClassroomResponse>(client, `${classroomPath(resourceId)}/presentation`, { method: 'DELETE' });
}

/**
 * Sends the file's bytes (PUT, raw body) with XMLHttpRequest: fetch cannot report upload
 * progress. `onProgress` gets the bytes sent; `signal` aborts.
 */
export function uploadPresentation(
  client: ApiClient,
  resourceId: string,
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal?: AbortSignal,
): Promise<ClassroomResponse> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `${classroomPath(resourceId)}/presentation?fileName=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('Authorization', `Bearer ${client.token()}`);
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json, application/problem+json');
    if (client.locale) xhr.setRequestHeader('Accept-Language', client.locale);
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new ApiError(0, 'network'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: said below
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body === 'object') return resolve(body as ClassroomResponse);
      const problem = (body ?? {}) as { code?: string; detail?: string; requestId?: string; issues?: ProblemIssue[] };
      reject(new ApiError(xhr.status, problem.code ?? `http-${xhr.status}`, problem.detail, problem.requestId, Array.isArray(problem.issues) ? problem.issues : []));
    };
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(file);
  });
}
