import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';

// ajv-formats is CommonJS: its function is the default export's default under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

/**
 * Checks real answers against the API description: the operation is found by method and path
 * template, the response by status, the schema by media type, and the body is validated with
 * ajv (draft 2020-12, the dialect of OpenAPI 3.1). Every check is recorded, so a test can say
 * which operations and statuses it covered.
 */
export type OpenApiDocument = {
  openapi: string;
  paths: Record<string, Record<string, any>>;
  components: { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  [key: string]: unknown;
};

export interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  json: any;
}

const DOC_ID = 'amphi-openapi';

export class Conformance {
  private readonly ajv: Ajv2020;
  private readonly compiled = new Map<string, ValidateFunction>();
  readonly covered: { operationId: string; tags: string[]; status: number }[] = [];

  constructor(readonly doc: OpenApiDocument) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(this.ajv);
    // $refs in the document point at #/components/…: resolved against the document itself.
    this.ajv.addSchema({ $id: DOC_ID, components: doc.components });
  }

  /** The operation a request reaches: its template matches the path (a {param} is one segment). */
  operation(method: string, url: string): { template: string; op: any } {
    const path = new URL(url, 'http://x').pathname;
    for (const [template, item] of Object.entries(this.doc.paths)) {
      const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}/?$`);
      const op = item[method.toLowerCase()];
      if (op && pattern.test(path)) return { template, op };
    }
    assert.fail(`${method} ${path} is not described in the document`);
  }

  /** Fails the test when the answer's status, media type or body is not what the document says. */
  check(method: string, url: string, answer: Answer): void {
    const { template, op } = this.operation(method, url);
    const where = `${method} ${template} → ${answer.status}`;
    const response = op.responses[String(answer.status)];
    assert.ok(response, `${where}: status not described (described: ${Object.keys(op.responses).join(', ')}); body ${answer.text.slice(0, 300)}`);
    this.covered.push({ operationId: op.operationId, tags: op.tags, status: answer.status });
    if (!response.content) {
      assert.equal(answer.text, '', `${where}: described without a body, answered ${answer.text.slice(0, 200)}`);
      return;
    }
    const mediaType = (answer.contentType ?? '').split(';')[0]!.trim();
    const content = response.content[mediaType];
    assert.ok(content, `${where}: ${mediaType || 'no Content-Type'} is not among ${Object.keys(response.content).join(', ')}`);
    if (!/json$/.test(mediaType)) return;
    const validate = this.validator(`${template} ${method} ${answer.status} ${mediaType}`, content.schema);
    if (!validate(answer.json)) {
      assert.fail(`${where}: body does not match the description:\n${this.ajv.errorsText(validate.errors, { separator: '\n' })}\nbody: ${answer.text.slice(0, 800)}`);
    }
  }

  private validator(key: string, schema: unknown): ValidateFunction {
    const known = this.compiled.get(key);
    if (known) return known;
    const validate = this.ajv.compile(rebase(schema));
    this.compiled.set(key, validate);
    return validate;
  }
}

/** `#/components/…` → `amphi-openapi#/components/…`, so a schema cut out of the document still resolves. */
function rebase(schema: unknown): any {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema && typeof schema === 'object') {
    return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${DOC_ID}${v}` : rebase(v)]));
  }
  return schema;
}

/** fetch, read, and check against the document. */
export async function checkedFetch(conformance: Conformance, url: string, init: RequestInit & { method: string }): Promise<Answer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  const answer = { status: res.status, contentType: res.headers.get('content-type'), text, json };
  conformance.check(init.method, url, answer);
  return answer;
}
