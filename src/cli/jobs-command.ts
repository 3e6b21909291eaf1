import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { JOB_STATUSES, type JobView } from '../jobs/job.commands.js';
import { CommandFailed, executeAdminCommand } from './admin-client.js';

const LIST_USAGE = `Usage: amphi jobs list [--status ${JOB_STATUSES.join('|')}] [--limit N] [--json]`;

/** `amphi jobs list|cancel|retry`: the job queue, through the running server on the embedded database. */
export async function jobsCommand(config: Config, argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  switch (action) {
    case 'list': {
      const { values } = parseArgs({ args: rest, options: { status: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } } });
      const status = values.status as (typeof JOB_STATUSES)[number] | undefined;
      if (status !== undefined && !JOB_STATUSES.includes(status)) throw new CommandFailed(LIST_USAGE);
      const limit = values.limit === undefined ? undefined : Number(values.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1 || limit > 1000)) throw new CommandFailed(`${LIST_USAGE}\n--limit: 1 to 1000`);
      const jobs = (await executeAdminCommand(config, 'jobs-list', { status, limit })) as JobView[];
      if (values.json) process.stdout.write(`${JSON.stringify(jobs, null, 2)}\n`);
      else process.stdout.write(jobs.length ? `${jobs.map(describeJob).join('\n')}\n` : 'No job.\n');
      return 0;
    }
    case 'cancel':
    case 'retry': {
      const { positionals } = parseArgs({ args: rest, allowPositionals: true });
      if (positionals.length !== 1) throw new CommandFailed(`Usage: amphi jobs ${action} <job id> (see amphi jobs list)`);
      const id = positionals[0]!;
      if (action === 'cancel') {
        const { cancelled } = (await executeAdminCommand(config, 'jobs-cancel', { id })) as { cancelled: boolean };
        if (!cancelled) throw new CommandFailed(`No queued or running job has id ${id} (see amphi jobs list).`);
        process.stdout.write(`Job ${id} cancelled (a running job stops as soon as its worker sees it).\n`);
      } else {
        const { requeued } = (await executeAdminCommand(config, 'jobs-retry', { id })) as { requeued: boolean };
        if (!requeued) throw new CommandFailed(`No failed or cancelled job has id ${id} (see amphi jobs list --status failed).`);
        process.stdout.write(`Job ${id} queued again.\n`);
      }
      return 0;
    }
    default:
      throw new CommandFailed(`Unknown command: amphi jobs ${action ?? ''}\n${LIST_USAGE}\n       amphi jobs cancel <job id>\n       amphi jobs retry <job id>`);
  }
}

function describeJob(j: JobView): string {
  const progress = j.status === 'running' && j.progress !== null ? ` ${Math.round(j.progress * 100)} %${j.progressLabel ? ` (${j.progressLabel})` : ''}` : '';
  const lines = [`${j.id}  ${j.name.padEnd(16)} ${j.status}${progress}  attempt ${j.attempts}/${j.maxAttempts}  created ${j.createdAt}`];
  if (j.lastError) lines.push(`    last error: ${j.lastError}`);
  return lines.join('\n');
}
