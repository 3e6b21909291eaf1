import { XapiError } from '../xapi/xapi-error.js';

/** Versions this LRS speaks, as About lists them (Communication 2.8). */
export const SUPPORTED_VERSIONS = ['1.0.0', '1.0.1', '1.0.2', '1.0.3', '2.0.0'] as const;

/**
 * Reads X-Experience-API-Version (Communication 3.3): required on every request but About;
 * any 1.0.x patch is accepted (1.0.x are the same data model) and answered as 1.0.3; 2.0.0 as 2.0.0.
 */
export function negotiateVersion(header: string | undefined): '1.0.3' | '2.0.0' {
  if (header === undefined || header.trim() === '') {
    throw new XapiError(400, 'The X-Experience-API-Version header is required (e.g. X-Experience-API-Version: 1.0.3).');
  }
  const value = header.trim();
  if (/^1\.0(\.\d+)?$/.test(value)) return '1.0.3';
  if (/^2\.0(\.0)?$/.test(value)) return '2.0.0';
  throw new XapiError(400, `X-Experience-API-Version ${value} is not supported; this LRS speaks ${SUPPORTED_VERSIONS.join(', ')}.`);
}
