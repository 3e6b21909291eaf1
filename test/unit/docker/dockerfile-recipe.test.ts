import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, it } from 'node:test';
import { POCKETSPHINX_BINARY, POCKETSPHINX_MODEL_DIR } from '../../../src/captions/asr/pocketsphinx-engine.js';

/**
 * The container image's recipe, checked without a container engine: the Dockerfile parsed, its
 * properties asserted, its runtime packages resolved by this machine's apt (Debian 12, the
 * image's base) and their files matched against the paths the code runs, and the server's
 * imports checked to survive `npm prune --omit=dev`. Not verified here: that the image builds
 * and starts (no engine; see the report of issue 18, item 2).
 */
const ROOT = path.resolve(import.meta.dirname, '../../..');

interface Instruction {
  op: string;
  args: string;
}
interface Stage {
  from: string;
  name: string | undefined;
  instructions: Instruction[];
}

/** Dockerfile syntax enough for ours: comments, `\` continuations, one instruction per logical line. */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let current = '';
  for (const raw of text.split('\n')) {
    if (/^\s*#/.test(raw) && current === '') continue;
    if (/^\s*#/.test(raw)) continue; // a comment inside a continuation
    const line = raw.replace(/\s+$/, '');
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    current += line;
    if (current.trim()) logical.push(current.trim());
    current = '';
  }
  const stages: Stage[] = [];
  for (const line of logical) {
    const [, op = '', args = ''] = /^(\S+)\s*(.*)$/s.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args.trim());
      stages.push({ from: m?.[1] ?? args, name: m?.[2], instructions: [] });
    } else if (stages.length) stages.at(-1)!.instructions.push({ op: op.toUpperCase(), args: args.replace(/\s+/g, ' ').trim() });
  }
  return stages;
}

const stages = parseDockerfile(fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8'));
const runtime = stages.at(-1)!;
const all = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op);
const execForm = (args: string) => JSON.parse(args) as string[];

/** The packages `apt-get install` names in the runtime stage. */
function aptPackages(stage: Stage): string[] {
  return all(stage, 'RUN').flatMap((r) => {
    const m = /apt-get install ([^&;|]+)/.exec(r.args);
    return m ? m[1]!.split(' ').filter((w) => w && !w.startsWith('-')) : [];
  });
}

const hasDpkg = spawnSync('dpkg', ['--version']).status === 0;

describe('Dockerfile', () => {
  it('builds in one stage and runs from a slim Debian 12 Node 20 stage', () => {
    assert.equal(stages.length, 2);
    for (const s of stages) assert.match(s.from, /^node:20-bookworm-slim$/);
    assert.equal(stages[0]!.name, 'build');
    const build = all(stages[0]!, 'RUN').map((r) => r.args);
    assert.ok(build.some((a) => a.startsWith('npm ci')), 'a locked install');
    assert.ok(build.some((a) => a.includes('npm run build') && a.includes('npm prune --omit=dev')), 'built, then the dev dependencies pruned');
  });

  it('installs ffmpeg and the speech packages in the runtime stage, without recommends, lists removed', () => {
    const run = all(runtime, 'RUN').find((r) => r.args.includes('apt-get install'))!;
    assert.ok(run.args.includes('--no-install-recommends'));
    assert.ok(/rm -rf \/var\/lib\/apt\/lists/.test(run.args));
    assert.deepEqual(aptPackages(runtime).sort(), ['ffmpeg', 'pocketsphinx', 'pocketsphinx-en-us']);
  });

  it('runs as a non-root user, with an exec-form CMD and a HEALTHCHECK on /healthz', () => {
    const users = all(runtime, 'USER');
    assert.ok(users.length > 0);
    assert.ok(!['root', '0', '0:0'].includes(users.at(-1)!.args), 'the last USER is not root');
    const cmd = execForm(all(runtime, 'CMD').at(-1)!.args);
    assert.deepEqual(cmd, ['node', 'dist/server.js']);
    const health = all(runtime, 'HEALTHCHECK').at(-1)!.args;
    const probe = execForm(health.slice(health.indexOf('CMD ') + 4));
    assert.ok(probe.join(' ').includes('/healthz'));
    assert.ok(fs.readFileSync(path.join(ROOT, 'src/http/health.routes.ts'), 'utf8').includes("'/healthz'"), 'the server answers that path');
  });

  it('puts no secret in ENV or ARG', () => {
    for (const s of stages) {
      for (const i of [...all(s, 'ENV'), ...all(s, 'ARG')]) assert.doesNotMatch(i.args, /SECRET|PASSWORD|TOKEN|KEY|DATABASE_URL/i, i.args);
    }
  });

  it('copies only what the repository has, and the runtime only what the build stage made', () => {
    for (const c of all(stages[0]!, 'COPY')) {
      const parts = c.args.split(' ');
      for (const src of parts.slice(0, -1)) assert.ok(fs.existsSync(path.join(ROOT, src)), `COPY ${src}`);
    }
    for (const c of all(runtime, 'COPY')) assert.match(c.args, /^--from=build /, c.args);
  });

  it('.dockerignore keeps data, dependencies and history out of the context', () => {
    const ignored = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim().replace(/^\/|\/$/g, ''));
    for (const p of ['data', 'node_modules', '.git', 'dist', '.env']) assert.ok(ignored.includes(p), p);
    // …but not what the build stage copies.
    for (const c of all(stages[0]!, 'COPY')) for (const src of c.args.split(' ').slice(0, -1)) assert.ok(!ignored.includes(src.replace(/^\.\//, '')), src);
  });
});

describe('the runtime stage against this Debian 12', { skip: !hasDpkg && 'not a Debian machine' }, () => {
  it('resolves every apt package it installs', () => {
    const out = spawnSync('apt-cache', ['show', '--no-all-versions', ...aptPackages(runtime)], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.equal((out.stdout.match(/^Package: /gm) ?? []).length, aptPackages(runtime).length);
  });

  it('gets from those packages the binaries and model the code runs', { skip: spawnSync('dpkg', ['-s', 'pocketsphinx-en-us']).status !== 0 && 'packages not installed here' }, () => {
    const files = (pkg: string) => spawnSync('dpkg', ['-L', pkg], { encoding: 'utf8' }).stdout.split('\n');
    assert.ok(files('ffmpeg').includes('/usr/bin/ffmpeg') && files('ffmpeg').includes('/usr/bin/ffprobe'));
    assert.ok(files('pocketsphinx').includes(POCKETSPHINX_BINARY), POCKETSPHINX_BINARY);
    assert.ok(files('pocketsphinx-en-us').some((f) => f.startsWith(`${POCKETSPHINX_MODEL_DIR}/`)), POCKETSPHINX_MODEL_DIR);
  });
});

describe('npm prune --omit=dev', () => {
  const IMPORT_PATTERNS = [/^\s*(?:import|export)\s[^;'"`]*?\sfrom\s+'([^']+)'/gm, /^\s*import\s+'([^']+)'/gm, /\bimport\(\s*'([^']+)'\s*\)/g, /\brequire(?:\.resolve)?\(\s*'([^']+)'\s*\)/g];

  /** Every package the server's code loads at run time (type-only imports are erased by tsc). */
  function runtimeImports(): Map<string, string> {
    const found = new Map<string, string>();
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
          const code = fs.readFileSync(p, 'utf8').replace(/^\s*(import|export) type [^;]*;/gms, '');
          const specs = [...IMPORT_PATTERNS.flatMap((re) => [...code.matchAll(re)].map((m) => m[1]!))].filter((s) => !s.startsWith('.'));
          for (const spec of specs) {
            if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]!)) continue;
            const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
            if (!found.has(name)) found.set(name, path.relative(ROOT, p));
          }
        }
      }
    };
    walk(path.join(ROOT, 'src'));
    return found;
  }

  it('keeps every package the server imports: each is a dependency, not a devDependency', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const imports = runtimeImports();
    assert.ok(imports.has('express') && imports.has('kysely'), 'the scan sees the imports');
    const missing = [...imports].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (${file})`);
    assert.deepEqual(missing, []);
  });
});
