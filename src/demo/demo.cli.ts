import { parseArgs } from 'node:util';
import type { AdminCommandName } from '../admin/admin-commands.js';
import { CommandFailed } from '../cli/admin-client.js';
import type { DemoOutcome } from './demo-command.js';

type Run = (name: AdminCommandName, args?: unknown) => Promise<unknown>;

export const DEMO_USAGE = 'Usage: amphi demo [--learners N] [--seed S] [--reset] [--allow-public-url] [--json]';

/**
 * `amphi demo`: through the running server when there is one (the embedded database has one
 * owner), else on the database directly; then says where to look. `serverRuns` tells which.
 */
export async function demoCommand(argv: string[], run: Run, serverRuns: boolean | undefined): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      learners: { type: 'string' },
      seed: { type: 'string' },
      reset: { type: 'boolean' },
      'allow-public-url': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const learners = integerOption(values.learners, 1, 1000);
  const seed = integerOption(values.seed, 0, 2 ** 31 - 1);
  if (learners === null || seed === null) throw new CommandFailed(`${DEMO_USAGE}\n  --learners from 1 to 1000, --seed a whole number`);
  if (!values.json) process.stderr.write(values.reset ? 'Making a new demo course (a minute or so)…\n' : 'Preparing the demo course (a minute or so the first time)…\n');
  const outcome = (await run('demo', { learners, seed, reset: values.reset ?? false, allowPublicUrl: values['allow-public-url'] ?? false })) as DemoOutcome;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(outcome, null, 2)}\n`);
    return 0;
  }
  const { course } = outcome;
  const lines = [
    `${outcome.created ? 'Seeded' : 'Kept'} the demo course ${course.title} (${course.label}): ${course.learners} learners, ${course.activities} activities` +
      (outcome.statements !== null ? `, ${outcome.statements.toLocaleString('en')} learning traces.` : ' (amphi demo --reset makes a new one).'),
    ...videoLines(outcome, serverRuns),
    serverRuns === false ? `Start Amphi (npm start), then open ${outcome.url}` : `Open ${outcome.url}`,
    '  and choose an activity: "open as the teacher" or "open as learner N" launches it in the course page, as Moodle would.',
    `The demo platform [${outcome.platformId}] is marked DEMO in amphi platform list; amphi platform remove ${outcome.platformId} deletes it with its course.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

/** What the videos will show: their clips are transcoded by the job worker, after this command. */
function videoLines({ videos }: DemoOutcome, serverRuns: boolean | undefined): string[] {
  if (!videos) return [];
  const minutes = Math.round(videos.seconds / 60);
  if (videos.status === 'queued') {
    const when =
      serverRuns === true ? 'the server is transcoding them: playable within a minute or two' :
      serverRuns === false ? 'Amphi transcodes them once started: playable a minute or two later' :
      'the job worker (the server, or amphi worker) transcodes them: playable a minute or two after it starts';
    return [`Videos: ${videos.queued} generated clips (${minutes} min in all) are queued for transcoding; ${when} (amphi jobs list shows the jobs).`];
  }
  const why = videos.status === 'no-ffmpeg' ? 'ffmpeg was not found (FFMPEG_PATH)' : `the clips could not be made (${videos.reason ?? 'unknown error'})`;
  const retry = videos.status === 'no-ffmpeg' ? 'install ffmpeg and run amphi demo --reset' : 'amphi demo --reset tries again';
  return [`Videos: ${why}; ${videos.queued ? `${videos.queued} are queued, the others` : 'they'} show "no video yet" (as the teacher, upload one; or ${retry}).`];
}

/** undefined when absent, null when not a whole number in range. */
function integerOption(value: string | undefined, min: number, max: number): number | undefined | null {
  if (value === undefined) return undefined;
  const n = Number(value);
  return /^\d+$/.test(value) && n >= min && n <= max ? n : null;
}
