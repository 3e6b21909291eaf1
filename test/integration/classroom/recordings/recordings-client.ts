/** The recordings API over HTTP, as the panel calls it. */
export async function api(appUrl: string, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: any; type: string }> {
  const res = await fetch(`${appUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, type: res.headers.get('content-type') ?? '' };
}

export const recordingsPath = (resourceId: string, rest = '') => `/api/classrooms/${encodeURIComponent(resourceId)}/recordings${rest}`;
