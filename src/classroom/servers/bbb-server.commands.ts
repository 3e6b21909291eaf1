import type { AdminCommand } from '../../admin/admin-command.js';
import { translate } from '../../http/messages.js';
import type { ChecksumAlgorithm } from '../bbb/bbb.types.js';
import { PlatformRef, SetBbbServerCommand, TestBbbServerCommand } from './bbb-server.schemas.js';
import { getBbbServerView, removeBbbServer, setBbbServer, testBbbServer } from './bbb-server.service.js';

type Change = { id: string; url: string; secret?: string | undefined; checksumAlgorithm?: ChecksumAlgorithm | undefined };
type Candidate = { id: string; url?: string | undefined; secret?: string | undefined; checksumAlgorithm?: ChecksumAlgorithm | undefined };

/**
 * `amphi platform bbb <platform id> [--url … --secret … --checksum …] | remove | test`
 * (spread into admin/admin-commands.ts): run by the CLI on its own database or by the server
 * holding the embedded one. Results carry the secret's fingerprint, never the secret.
 */
export const BBB_ADMIN_COMMANDS = {
  'platform-bbb-set': {
    args: SetBbbServerCommand,
    run: (ctx, { id, ...change }: Change) => setBbbServer(ctx, id, change, 'amphi-cli', 'operator'),
  },
  'platform-bbb-show': {
    args: PlatformRef,
    run: (ctx, { id }: { id: string }) => getBbbServerView(ctx, id),
  },
  'platform-bbb-remove': {
    args: PlatformRef,
    run: async (ctx, { id }: { id: string }) => ({ id, removed: await removeBbbServer(ctx, id) }),
  },
  'platform-bbb-test': {
    args: TestBbbServerCommand,
    run: async (ctx, { id, ...candidate }: Candidate) => {
      const result = await testBbbServer(ctx, id, candidate, 'operator');
      return { ...result, message: translate('en', result.code, result.params) };
    },
  },
} satisfies Record<string, AdminCommand>;
