import { readBootstrap } from './browser-client.js';
import type { LaunchSpec, TestPlatform } from './test-platform.js';

/** A launch's page token and the API as that page calls it (Bearer token, JSON). */
export interface LaunchedPage {
  token: string;
  session: Record<string, any>;
  api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

export async function launchPage(platform: TestPlatform, toolUrl: string, spec: LaunchSpec): Promise<LaunchedPage> {
  const { response, html } = await platform.launch(toolUrl, spec);
  if (response.status !== 200) throw new Error(`launch refused: ${response.status} ${html.slice(0, 300)}`);
  const { token, session } = readBootstrap(html);
  return {
    token,
    session,
    async api(method, path, body) {
      const res = await fetch(`${toolUrl}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}
