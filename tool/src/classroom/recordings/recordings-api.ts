import { callApi, type ApiClient } from '../../api/api-client.js';

/** The classroom recordings API (src/classroom/recordings/recording.view.ts is the wire contract). */

export interface RecordingItem {
  recordId: string;
  name: string;
  startTime: string;
  endTime: string;
  durationSeconds: number;
  participants: number;
  published: boolean;
  protected: boolean;
  state: 'processing' | 'processed' | 'published' | 'unpublished' | 'deleted';
  formats: {
    type: string;
    url: string;
    lengthMinutes: number;
    previewImages: { url: string; width: number | null; height: number | null; alt: string | null }[];
  }[];
  importable: boolean;
  import: null | { status: 'queued' | 'running' | 'done' | 'failed'; error: string | null; videoResourceId: string | null };
}

export interface RecordingList {
  items: RecordingItem[];
  offset: number;
  limit: number;
  total: number;
  canEdit: boolean;
}

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
