// The tests' CLI host: runs many `amphi` commands of the built CLI (dist/cli/main.js) in one
// process, so a test pays Node's start and the CLI's module loading once instead of per command.
// Each command gets exactly the environment it was given, and its whole output (its own writes
// and its logger's, which go straight to the file descriptors) up to an end marker.
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const root = path.resolve(import.meta.dirname, '..', '..');
const { main, explain } = await import(pathToFileURL(path.join(root, 'dist/cli/main.js')).href);
const PATH = process.env.PATH;

let queue = Promise.resolve();
process.on('message', (request) => {
  queue = queue.then(() => run(request));
});
process.send({ ready: true });

async function run({ id, args, env }) {
  for (const key of Object.keys(process.env)) delete process.env[key];
  Object.assign(process.env, { PATH, ...env });
  let code;
  try {
    code = await main(args);
  } catch (err) {
    process.stderr.write(`amphi: ${explain(err)}\n`);
    code = 1;
  }
  // Pipes are synchronous on Linux: everything written above is in the pipe before the markers.
  process.stdout.write(`\u0000end ${id}\u0000`);
  process.stderr.write(`\u0000end ${id}\u0000`);
  process.send({ id, code });
}
