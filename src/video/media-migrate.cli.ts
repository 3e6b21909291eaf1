import { parseArgs } from 'node:util';
import type { Config } from '../config/config.js';
import { formatBytes } from './byte-size.js';
import { migrateMediaToS3 } from './media-migrate.service.js';

export const MEDIA_MIGRATE_USAGE =
  'Usage: amphi media migrate --to s3 [--json]\n' +
  '  Copies every media of DATA_DIR/media to the bucket of S3_BUCKET (S3_ENDPOINT, S3_REGION, …), checks\n' +
  '  each size, and can run beside the server (it reads no database). Run it again at any time: files\n' +
  '  already copied are skipped, so it resumes after an interruption and copies what changed since.\n' +
  '  Then: stop the server, run it once more, set MEDIA_STORAGE=s3 and start the server again.\n' +
  '  Local files are kept: remove DATA_DIR/media once the site plays from the bucket.\n';

/**
 * `amphi media migrate --to s3`, in this process (a long copy must not hang on an HTTP request to
 * the server): one progress line per media on stderr, the summary on stdout.
 */
export async function mediaMigrateCommand(config: Config, argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { to: { type: 'string' }, json: { type: 'boolean' }, help: { type: 'boolean' } } });
  if (values.help) {
    process.stdout.write(MEDIA_MIGRATE_USAGE);
    return 0;
  }
  if (values.to !== 's3') {
    process.stderr.write(MEDIA_MIGRATE_USAGE);
    return 64;
  }
  const summary = await migrateMediaToS3(config, (p) => {
    const what = p.copiedFiles ? `${p.copiedFiles} file(s) copied (${formatBytes(p.copiedBytes)})` : 'nothing to copy';
    process.stderr.write(`[${p.done}/${p.total}] ${p.platformId}/${p.mediaId}: ${what}${p.skippedFiles ? `, ${p.skippedFiles} already there` : ''}\n`);
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return 0;
  }
  process.stdout.write(
    `${summary.media} media in bucket ${summary.bucket}: ${summary.copiedFiles} file(s) copied (${formatBytes(summary.copiedBytes)}), ` +
      `${summary.skippedFiles} already there, every size checked.\n` +
      'Next: stop the server, run this command once more (it copies only what changed), set MEDIA_STORAGE=s3 and start the server.\n',
  );
  return 0;
}
