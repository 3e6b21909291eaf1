import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseOptions, type ICruiseResult, type IViolation } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

/*
 * The rules of .dependency-cruiser.cjs (run by `npm run lint:deps` in the test command): first
 * that each fires on a tree built to break it, then that Amphi's src/ keeps them.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
let options: ICruiseOptions;
before(async () => {
  options = await extractDepcruiseOptions(path.join(ROOT, '.dependency-cruiser.cjs'));
});

async function cruiseTree(baseDir: string, extra: Partial<ICruiseOptions> = {}): Promise<ICruiseResult> {
  const tsConfig = extractTSConfig(path.join(baseDir, 'tsconfig.json'));
  const result = await cruise(['src'], { ...options, ...extra, baseDir, tsConfig: { fileName: path.join(baseDir, 'tsconfig.json') } }, {}, { tsConfig });
  assert.equal(typeof result.output, 'object');
  return result.output as ICruiseResult;
}

const brief = (v: IViolation) => `${v.rule.name}: ${v.from} -> ${v.to}`;

/** Each file of this tree breaks one rule, except the ones marked allowed. */
const ATTACK: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', strict: true } }),
  // A shared layer importing a feature's catalogue.
  'src/http/messages.ts': `import { CLASSROOM_MESSAGES } from '../classroom/classroom.messages.js';\nexport const all = { ...CLASSROOM_MESSAGES };\n`,
  'src/classroom/classroom.messages.ts': `export const CLASSROOM_MESSAGES = { a: 1 };\n`,
  // A cycle made only of `import type`.
  'src/video/a.ts': `import type { B } from './b.js';\nexport interface A { b: B }\n`,
  'src/video/b.ts': `import type { A } from './a.js';\nexport interface B { a?: A }\n`,
  // A feature reaching into another's repository; the same feature through its service is allowed.
  'src/captions/captions.service.ts': `import { findMedia } from '../video/video.repository.js';\nimport { getMedia } from '../video/video.service.js';\nexport const both = [findMedia, getMedia];\n`,
  'src/video/video.repository.ts': `export function findMedia() {}\n`,
  'src/video/video.service.ts': `export function getMedia() {}\n`,
  // A table file importing the database module that src/db/schema.ts (not here) would import back.
  'src/video/video.table.ts': `import type { Db } from '../db/database.js';\nexport interface VideoTable { db?: Db }\n`,
  'src/db/database.ts': `export type Db = { kind: 'db' };\n`,
  // The job registry importing the context as a value (as a type it may).
  'src/jobs/job-registry.ts': `import { contextName } from '../app-context.js';\nimport type { AppContext } from '../app-context.js';\nexport type Handler = (ctx: AppContext) => string;\nexport const name = contextName;\n`,
  'src/app-context.ts': `export interface AppContext { name: string }\nexport const contextName = 'ctx';\n`,
  // A feature importing a composition root.
  'src/roster/roster.service.ts': `import { buildApp } from '../app.js';\nexport const app = buildApp;\n`,
  'src/app.ts': `export function buildApp() {}\n`,
};

describe('dependency rules fire', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'amphi-deps-'));
    for (const [file, text] of Object.entries(ATTACK)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reports every broken rule, and nothing else', async () => {
    const found = (await cruiseTree(dir)).summary.violations.map(brief).sort();
    assert.deepEqual(found, [
      'features-import-no-composition-root: src/roster/roster.service.ts -> src/app.ts',
      'features-meet-through-services: src/captions/captions.service.ts -> src/video/video.repository.ts',
      // One report per cycle, though both imports are `import type`.
      'no-circular: src/video/a.ts -> src/video/b.ts',
      'shared-imports-no-feature: src/http/messages.ts -> src/classroom/classroom.messages.ts',
      'shared-imports-no-feature: src/jobs/job-registry.ts -> src/app-context.ts',
      'table-files-are-leaves: src/video/video.table.ts -> src/db/database.ts',
    ]);
  });
});

describe("Amphi's src/", () => {
  it('breaks no rule', async () => {
    const result = await cruiseTree(ROOT);
    const violations = result.summary.violations.map(brief);
    assert.deepEqual(violations, [], `dependency violations (npm run lint:deps):\n${violations.join('\n')}`);
    assert.ok(result.summary.totalCruised > 300, `only ${result.summary.totalCruised} modules cruised: src/ was not read`);
  });
});
