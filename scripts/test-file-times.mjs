// A node:test reporter that writes one line per test file: its wall time in milliseconds, then
// its path relative to the repository. scripts/test.sh prints the slowest of them after a run.
// The runner reports each file as a test whose name is the file's path ("test:complete").
import { relative } from 'node:path';

export default async function* fileTimes(source) {
  for await (const event of source) {
    if (event.type !== 'test:complete') continue;
    const { name, file, nesting, details } = event.data;
    if (nesting !== 0 || !file || name !== file) continue;
    yield `${Math.round(details?.duration_ms ?? 0)}\t${relative(process.cwd(), file)}\n`;
  }
}
