/**
 * Amphi's dependency rules (DESIGN.md, "Dependency rule"), checked by `npm run lint:deps` in
 * the test command (scripts/test.sh) and by test/unit/architecture/dependency-rules.test.ts.
 *
 * The tree has three kinds of module:
 * - shared layers: src/http, src/db, src/config, src/crypto and the job registry. Every feature
 *   uses them, so they import no feature (or the layer would depend on all of them).
 * - composition roots: the files directly under src/ (app.ts, server.ts, context.ts,
 *   app-context.ts, housekeeping.ts, message-catalogs.ts…), src/cli, and the two lists that name
 *   every feature's part: src/jobs/job-handlers.ts and src/admin/admin-commands.ts; and the
 *   features' *.cli.ts, the CLI's subcommands kept beside their feature (src/cli/main.ts runs
 *   them). They wire features together and may import anything (no-circular still holds);
 *   features import none of them but app-context.ts, the context type every service receives.
 * - features: every other folder under src/ (lti, content, video, …, and any new one).
 *
 * `import type` counts (tsPreCompilationDeps): a type-only cycle is still a cycle to a reader,
 * and becomes a runtime one the day someone imports a value along it.
 */

const SHARED = '^src/(http|db|config|crypto)/|^src/jobs/job-registry\\.ts$';
const COMPOSITION = '^src/[^/]+\\.ts$|^src/cli/|\\.cli\\.ts$|^src/jobs/job-handlers\\.ts$|^src/admin/admin-commands\\.ts$';

/*
 * Besides its *.service.ts files, what a feature may import from another. Each is a leaf of
 * types or pure code, not a way around the service:
 */
const FEATURE_SURFACE = [
  '\\.service\\.ts$',
  // Row types (imports nothing from src/db: see table-files-are-leaves); services return rows.
  '\\.table\\.ts$',
  // zod schemas and wire types (requests, responses, views): the shapes two features exchange,
  // and what src/openapi describes.
  '\\.(schemas|responses|types|view)\\.ts$',
  // The launch session's gate and its types: every feature's routes are behind an LTI launch.
  '^src/lti/session/(require-launch|session-view)\\.ts$',
  '^src/lti/launch/(roles|launch-context)\\.ts$',
  // A leaf: what an administration command is (admin-commands.ts lists every feature's).
  '^src/admin/admin-command\\.ts$',
  // ffmpeg's typed argument builders import nothing from the app (DESIGN.md, "Long jobs").
  '^src/video/ffmpeg/',
  // The LTI Advantage call toolkit (token exchange, platform requests, paging, errors) that
  // grades' AGS client and roster's NRPS client are built on (DESIGN.md keeps them apart).
  '^src/lti/services/',
  // How a launched person is named in xAPI (pure): features writing statements must agree
  // with the LRS that reads them back.
  '^src/lrs/xapi/lti-actor\\.ts$',
  // Instruments (prom-client wrappers importing no feature) that features record into.
  '^src/metrics/(metrics|timing|request-metrics)\\.ts$',
  // How sizes are written (pure, imports nothing): a refused presentation states its limit in
  // the same units as a refused video upload and the CLI.
  '^src/video/byte-size\\.ts$',
  // A classroom's schedule rules (pure), the rest of its settings' validation after the zod
  // shape (classroom-settings.schemas.ts): content checks both when it creates or changes a
  // classroom. classroom-settings.service.ts cannot carry them: it imports content's service.
  '^src/classroom/schedule/schedule-rules\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import cycle (type-only imports count). Break it with a leaf module, an interface, or by passing the dependency in from a composition root.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'shared-imports-no-feature',
      severity: 'error',
      comment: 'src/http, src/db, src/config, src/crypto and src/jobs/job-registry.ts import no feature and no composition root: let the composition root pass the feature in (see src/message-catalogs.ts).',
      from: { path: SHARED },
      to: {
        path: '^src/',
        pathNot: [
          SHARED,
          // Type-only use is allowed by the next rule (the registry types handlers' context).
          '^src/app-context\\.ts$',
          // src/db/schema.ts lists every table: table files are leaves (table-files-are-leaves).
          '\\.table\\.ts$',
        ],
      },
    },
    {
      name: 'shared-imports-no-feature',
      severity: 'error',
      comment: 'Job handlers receive the AppContext; the registry may name its type, and only its type.',
      from: { path: SHARED },
      to: { path: '^src/app-context\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'table-files-are-leaves',
      severity: 'error',
      comment: 'A *.table.ts is read by src/db/schema.ts: it may not import src/db, the app context, or any module but other types (else db and the feature import each other).',
      from: { path: '^src/.+\\.table\\.ts$' },
      to: { path: '^src/(db/|app-context\\.ts$|.+\\.(repository|service|routes)\\.ts$)' },
    },
    {
      name: 'features-meet-through-services',
      severity: 'error',
      comment: "A feature uses another only through its *.service.ts (or a leaf listed in FEATURE_SURFACE), never its repository or internals. Add the function to that feature's service.",
      from: { path: '^src/([^/]+)/', pathNot: [SHARED, COMPOSITION] },
      to: { path: '^src/', pathNot: ['^src/$1/', SHARED, COMPOSITION, ...FEATURE_SURFACE] },
    },
    {
      name: 'features-import-no-composition-root',
      severity: 'error',
      comment: 'A feature is given what it needs (AppContext, handlers…); importing a composition root would tie it to every other feature.',
      from: { path: '^src/([^/]+)/', pathNot: [SHARED, COMPOSITION] },
      to: { path: COMPOSITION, pathNot: ['^src/app-context\\.ts$', '^src/$1/'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|public)/' },
    moduleSystems: ['es6', 'cjs'],
  },
};
