import type { XapiResource } from './xapi-resource.js';
import { SUPPORTED_VERSIONS } from './xapi-version.js';

/** About (Communication 2.8): no authentication, no version header needed, so no principal either. */
export const ABOUT: XapiResource = {
  async GET(_ctx, _req, _principal, res) {
    res.type('application/json').send(JSON.stringify({ version: SUPPORTED_VERSIONS }));
  },
};
