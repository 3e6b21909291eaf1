import type { VideoStatement } from '../video/xapi/video-profile.js';
import { callApi, type ApiClient } from './api-client.js';
import type { StatementsResponse, UpdateVideoBody, VideoResponse } from './api-types.js';

/** The video API (issue 5 contract; src/video lists the routes). */

const videoPath = (resourceId: string) => `/api/videos/${encodeURIComponent(resourceId)}`;

export function getVideo(client: ApiClient, resourceId: string): Promise<VideoResponse> {
  return callApi<VideoResponse>(client, videoPath(resourceId));
}

export function updateVideo(client: ApiClient, resourceId: string, body: UpdateVideoBody): Promise<VideoResponse> {
  return callApi<VideoResponse>(client, videoPath(resourceId), { method: 'PATCH', body });
}

/** Transcodes the failed upload again. */
export function retryProcessing(client: ApiClient, resourceId: string): Promise<VideoResponse> {
  return callApi<VideoResponse>(client, `${videoPath(resourceId)}/processing/retry`, { method: 'POST' });
}

/** Stops the transcoding and removes the pending media. */
export function cancelProcessing(client: ApiClient, resourceId: string): Promise<VideoResponse> {
  return callApi<VideoResponse>(client, `${videoPath(resourceId)}/processing`, { method: 'DELETE' });
}

/** xAPI video statements for the resource (`url` = VideoResponse.tracking.statementsUrl). */
export function postStatements(client: ApiClient, url: string, statements: VideoStatement[]): Promise<StatementsResponse> {
  return callApi<StatementsResponse>(client, url, { method: 'POST', body: { statements } });
}
