/**
 * Where a V8 CPU profile spends its time (the server's, from `npm run bench:launch -- --cpu-prof DIR`).
 *
 *   npx tsx bench/cpuprofile-summary.ts DIR/postgres/CPU.*.cpuprofile [--top 40] [--launches N] [--window 9.5-19.5]
 *
 * --window keeps the samples between two times, in seconds after the profile started (the bench
 * prints its measurement window in these terms when it runs with --cpu-prof).
 * Prints self time by package (node_modules/<pkg>, src/<folder>, node: internals, (gc), (idle)…),
 * then by function, and the inclusive time of a few functions worth knowing. With --launches, the
 * times are also given per launch.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';

interface CpuNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: CpuNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { window: { type: 'string' }, top: { type: 'string', default: '40' }, launches: { type: 'string' }, inclusive: { type: 'string', multiple: true } },
});
if (!positionals.length) {
  process.stderr.write('usage: npx tsx bench/cpuprofile-summary.ts FILE.cpuprofile [--top 40] [--launches N] [--inclusive name …]\n');
  process.exit(64);
}

for (const file of positionals) summarize(file);

function summarize(file: string): void {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  const [from, to] = values.window ? values.window.split('-').map((s) => Number(s) * 1e6) : [0, Infinity];
  let at = 0;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= from! && at <= to!) self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const launches = values.launches ? Number(values.launches) : undefined;
  const fmt = (ms: number) => `${ms.toFixed(0).padStart(8)} ms ${((100 * ms) / total).toFixed(1).padStart(5)} %${launches ? ` ${(ms / launches).toFixed(3).padStart(7)} ms/launch` : ''}`;

  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const packages = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)!.callFrame;
    add(packages, packageOf(frame.url, frame.functionName), ms);
    add(functions, `${frame.functionName || '(anonymous)'}  ${shortUrl(frame.url)}:${frame.lineNumber + 1}`, ms);
  }
  const top = Number(values.top);
  process.stdout.write(`\n${file}\n${(total / 1000).toFixed(1)} s sampled over ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s\n`);
  process.stdout.write('\nself time by package\n');
  for (const [k, ms] of [...packages].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${fmt(ms)}  ${k}\n`);
  process.stdout.write('\nself time by function\n');
  for (const [k, ms] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${fmt(ms)}  ${k}\n`);

  // Inclusive time of named functions: every sample with such a frame on its stack counts once.
  const names = values.inclusive ?? [];
  if (!names.length) return;
  process.stdout.write('\ninclusive time\n');
  for (const name of names) {
    let ms = 0;
    for (const [id, t] of self) {
      for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
        if (byId.get(cur)!.callFrame.functionName === name) {
          ms += t;
          break;
        }
      }
    }
    process.stdout.write(`${fmt(ms)}  ${name}\n`);
  }
}

function packageOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native/V8)';
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) return nm[1]!;
  const src = /\/dist\/(.+)\/[^/]+\.js$/.exec(url) ?? /\/src\/(.+)\/[^/]+\.ts$/.exec(url);
  if (src) return `amphi ${src[1]}`;
  if (/\/dist\/[^/]+\.js$/.test(url)) return 'amphi (top level)';
  return shortUrl(url);
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\/.*?\/(node_modules|dist|src)\//, '$1/');
}
