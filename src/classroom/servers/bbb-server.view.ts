import type { AppRole } from '../../lti/launch/roles.js';
import type { BbbServerView } from './bbb-server.service.js';

/** GET/PUT/DELETE /api/platform/bbb-server: teachers learn only whether classrooms can open; administrators see the settings. */
export interface BbbServerResponse {
  configured: boolean;
  /** The session may change the server (a Moodle administrator). */
  canManage: boolean;
  url?: string | null;
  checksumAlgorithm?: string | null;
  secretFingerprint?: string | null;
  secure?: boolean | null;
  updatedAt?: string | null;
}

export function toBbbServerResponse(view: BbbServerView, role: AppRole): BbbServerResponse {
  if (role !== 'admin') return { configured: view.configured, canManage: false };
  return {
    configured: view.configured,
    canManage: true,
    url: view.url,
    checksumAlgorithm: view.checksumAlgorithm,
    secretFingerprint: view.secretFingerprint,
    secure: view.secure,
    updatedAt: view.updatedAt,
  };
}
