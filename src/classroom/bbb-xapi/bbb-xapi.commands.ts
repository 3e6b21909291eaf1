import { command, type AdminCommand } from '../../admin/admin-command.js';
import { PlatformRef } from '../servers/bbb-server.schemas.js';
import { disableBbbXapi, enableBbbXapi, getBbbXapiView } from './bbb-xapi.service.js';

/**
 * `amphi platform bbb-xapi enable|rotate|disable|show --id <platform id>` (spread into
 * admin/admin-commands.ts). Enable and rotate are the same act (a new credential, the old one
 * revoked): the CLI keeps both words for the operator's intent.
 */
export const BBB_XAPI_ADMIN_COMMANDS = {
  'platform-bbb-xapi-show': command(PlatformRef, (ctx, { id }) => getBbbXapiView(ctx, id)),
  'platform-bbb-xapi-enable': command(PlatformRef, (ctx, { id }) => enableBbbXapi(ctx, id, 'amphi-cli')),
  'platform-bbb-xapi-disable': command(PlatformRef, (ctx, { id }) => disableBbbXapi(ctx, id)),
} satisfies Record<string, AdminCommand>;
