/**
 * The API description at /api/openapi.json: served publicly, complete (every /api and /xapi
 * route the server answers is described, and nothing it does not answer), and well-formed
 * (unique operation ids, resolvable $refs, declared path parameters, schemas that compile).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { buildApp } from '../../../src/app.js';
import { startTestApp, type TestApp } from '../../support/test-app.js';
import type { OpenApiDocument } from './conformance.js';
import { apiRoutes, xapiRoutes, type ServedRoute } from './route-inventory.js';

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

describe('API description (OpenAPI 3.1)', () => {
  let app: TestApp;
  let doc: OpenApiDocument;
  before(async () => {
    app = await startTestApp();
    const res = await fetch(`${app.url}/api/openapi.json`);
    assert.equal(res.status, 200);
    doc = (await res.json()) as OpenApiDocument;
  });
  after(() => app.close());

  const documented = () =>
    Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).filter((k) => METHODS.includes(k)).map((method) => ({ method, path, op: item[method] })));

  it('is served without a session, as cacheable JSON naming this server', async () => {
    const res = await fetch(`${app.url}/api/openapi.json`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
    assert.match(res.headers.get('cache-control') ?? '', /public/);
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.servers, [{ url: app.url }]);
  });

  it('describes every /api and /xapi route the server answers, and no other', () => {
    const served: ServedRoute[] = [...apiRoutes(buildApp(app.ctx, { adminToken: app.adminToken })), ...xapiRoutes()];
    const patterns = served.filter((r) => r.pattern);
    const coveredByPattern = (method: string, path: string) =>
      patterns.some((r) => (r.method === '_all' || r.method === method) && r.pattern!.test(path.replace(/\{[^}]+\}/g, 'x')));
    const ops = documented();

    const undescribed = served.filter((r) => !r.pattern && !ops.some((o) => o.method === r.method && o.path === r.path)).map((r) => `${r.method.toUpperCase()} ${r.path}`);
    assert.deepEqual(undescribed, [], 'routes the server answers that the document does not describe');
    for (const r of patterns) assert.ok(ops.some((o) => r.pattern!.test(o.path.replace(/\{[^}]+\}/g, 'x'))), `no operation describes ${r.path}`);

    const unserved = ops.filter((o) => !served.some((r) => !r.pattern && r.method === o.method && r.path === o.path) && !coveredByPattern(o.method, o.path)).map((o) => `${o.method.toUpperCase()} ${o.path}`);
    assert.deepEqual(unserved, [], 'operations the document describes that no route answers');
    assert.ok(served.length > 60, `the inventory found only ${served.length} routes: the router walk is broken`);
  });

  it('gives each operation a unique id, a success answer, declared tags and security schemes', () => {
    const ids = documented().map((o) => o.op.operationId);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'duplicate operationIds');
    const tags = new Set((doc.tags as { name: string }[]).map((t) => t.name));
    for (const { method, path, op } of documented()) {
      const where = `${method} ${path}`;
      assert.ok(op.summary, `${where}: no summary`);
      assert.ok(Object.keys(op.responses).some((s) => /^2\d\d$/.test(s)), `${where}: no 2xx answer`);
      for (const tag of op.tags) assert.ok(tags.has(tag), `${where}: tag ${tag} is not declared`);
      for (const requirement of op.security) for (const scheme of Object.keys(requirement)) assert.ok(doc.components.securitySchemes[scheme], `${where}: ${scheme} is not declared`);
      const declared = (op.parameters ?? []).filter((p: any) => p.in === 'path').map((p: any) => p.name).sort();
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      assert.deepEqual(declared, templated, `${where}: path parameters`);
      for (const p of op.parameters ?? []) if (p.in === 'path') assert.equal(p.required, true, `${where}: ${p.name} must be required`);
    }
  });

  it('resolves every $ref and holds only valid JSON Schema 2020-12', () => {
    const refs: string[] = [];
    const schemas: { where: string; schema: unknown }[] = [];
    const walk = (node: unknown, where: string) => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${where}/${i}`));
      if (!node || typeof node !== 'object') return;
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') refs.push(v);
        if (k === 'schema') schemas.push({ where, schema: v });
        walk(v, `${where}/${k}`);
      }
    };
    walk(doc, '#');
    assert.ok(refs.length > 0 && schemas.length > 100, 'the walk found the document’s schemas');
    for (const ref of new Set(refs)) {
      assert.match(ref, /^#\//, `${ref}: only local references`);
      const target = ref.slice(2).split('/').reduce<any>((node, key) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
      assert.ok(target !== undefined, `${ref} does not resolve`);
    }
    // Against the draft 2020-12 meta-schema, all at once (compiling each one took seconds).
    const ajv = new Ajv2020({ strict: false });
    const all = { $defs: Object.fromEntries(schemas.map((s, i) => [`s${i}`, s.schema])) };
    assert.equal(ajv.validateSchema(all), true, ajv.errorsText(ajv.errors));
    const broken = { $defs: { bad: { type: 'objekt' } } };
    assert.equal(ajv.validateSchema(broken), false, 'the meta-schema check refuses a broken schema');
  });
});
