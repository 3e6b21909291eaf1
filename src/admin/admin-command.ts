import type { z } from 'zod';
import type { AppContext } from '../app-context.js';

/**
 * Administration commands, defined once and run either by the CLI on its own database or,
 * when a server holds the embedded database, by that server on the CLI's behalf.
 *
 * A leaf of its own: each feature's *.commands.ts imports this, and admin-commands.ts imports
 * every *.commands.ts; were it defined in admin-commands.ts, each would be an import cycle.
 */
export interface AdminCommand<S extends z.ZodType = z.ZodType> {
  args: S;
  run(ctx: AppContext, args: z.output<S>): Promise<unknown>;
}

/** An AdminCommand whose `run` receives its arguments typed from the schema. */
export function command<S extends z.ZodType>(args: S, run: (ctx: AppContext, args: z.output<S>) => Promise<unknown>): AdminCommand<S> {
  return { args, run };
}
