import { parseArgs } from 'node:util';
import type { AdminCommandName } from '../../admin/admin-commands.js';
import { CommandFailed } from '../../cli/admin-client.js';
import type { BbbXapiView } from './bbb-xapi.service.js';

type Run = (name: AdminCommandName, args?: unknown) => Promise<unknown>;

export const BBB_XAPI_USAGE = 'Usage: amphi platform bbb-xapi enable|rotate|disable|show --id <platform id> [--json]';

/**
 * `amphi platform bbb-xapi …`: BigBlueButton's own xAPI for a platform. The payload printed is
 * encrypted with the platform's BBB secret; the credential's secret itself is never printed.
 */
export async function bbbXapiCommand(argv: string[], run: Run): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { id: { type: 'string' }, json: { type: 'boolean' } } });
  const [action, ...extra] = positionals;
  const id = values.id;
  if (!id || extra.length > 0) throw new CommandFailed(BBB_XAPI_USAGE);
  const name = ({ show: 'platform-bbb-xapi-show', enable: 'platform-bbb-xapi-enable', rotate: 'platform-bbb-xapi-enable', disable: 'platform-bbb-xapi-disable' } as const)[action ?? ''];
  if (!name) throw new CommandFailed(BBB_XAPI_USAGE);
  const view = (await run(name, { id })) as BbbXapiView;
  process.stdout.write(values.json ? `${JSON.stringify(view, null, 2)}\n` : `${describeBbbXapi(id, view)}\n`);
  return 0;
}

export function describeBbbXapi(id: string, v: BbbXapiView): string {
  if (!v.enabled) return `BigBlueButton's own xAPI is off for platform ${id}.\nTurn it on: amphi platform bbb-xapi enable --id ${id}`;
  return [
    `BigBlueButton's own xAPI for platform ${id}: on since ${v.createdAt}`,
    `  LRS endpoint       ${v.lrsEndpoint}`,
    `  meta_secret-lrs-payload (sent with every meeting Amphi creates)`,
    `  ${v.payload ?? 'none: the platform has no BigBlueButton server (set one: amphi platform bbb)'}`,
  ].join('\n');
}
