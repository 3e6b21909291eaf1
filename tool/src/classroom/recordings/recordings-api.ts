import { callApi, type ApiClient } from '../../api/api-client.js';

/** The classroom recordings API: the server's own wire types, so a change there fails typecheck. */
export type { RecordingListResponse as RecordingList, RecordingResponse as RecordingItem } from '../../../../src/classroom/recordings/recording.view.js';
import type { RecordingListResponse as RecordingList, RecordingResponse as RecordingItem } from '../../../../src/classroom/recordings/recording.view.js';

export interface RecordingChanges {
  published?: boolean;
  protected?: boolean;
  name?: string;
}

const base = (resourceId: string) => `/api/classrooms/${encodeURIComponent(resourceId)}/recordings`;
const one = (resourceId: string, recordId: string) => `${base(resourceId)}/${encodeURIComponent(recordId)}`;

export function listRecordings(client: ApiClient, resourceId: string, offset: number, limit: number): Promise<RecordingList> {
  return callApi<RecordingList>(client, `${base(resourceId)}?offset=${offset}&limit=${limit}`);
}

export function updateRecording(client: ApiClient, resourceId: string, recordId: string, changes: RecordingChanges): Promise<RecordingItem> {
  return callApi<RecordingItem>(client, one(resourceId, recordId), { method: 'PATCH', body: changes });
}

export async function deleteRecording(client: ApiClient, resourceId: string, recordId: string): Promise<void> {
  await callApi<{ deleted: true }>(client, one(resourceId, recordId), { method: 'DELETE' });
}

export function importRecording(client: ApiClient, resourceId: string, recordId: string): Promise<RecordingItem> {
  return callApi<RecordingItem>(client, `${one(resourceId, recordId)}/import`, { method: 'POST' });
}
