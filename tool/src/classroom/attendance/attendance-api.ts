import { callApi, type ApiClient } from '../../api/api-client.js';
import type { AttendanceResponse } from '../../../../src/classroom/attendance/attendance.view.js';

/** The attendance API; its wire types are the server's (src/classroom/attendance/attendance.view.ts), imported as types only. */
export type { AttendanceEntry, AttendanceResponse, AttendanceSession, AttendanceTotalsResponse } from '../../../../src/classroom/attendance/attendance.view.js';

export function getAttendance(client: ApiClient, resourceId: string): Promise<AttendanceResponse> {
  return callApi<AttendanceResponse>(client, `/api/classrooms/${encodeURIComponent(resourceId)}/attendance`);
}
