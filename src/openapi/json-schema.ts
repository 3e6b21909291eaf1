import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;

/**
 * zod → JSON Schema draft 2020-12 (the dialect of OpenAPI 3.1). Requests are described as the
 * client sends them (io 'input': defaults optional, coercions as sent), answers as the server
 * produces them ('output'). Transforms and refinements have no JSON Schema form: they are left
 * open ('any') rather than failing the whole document.
 */
export function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any', reused: 'inline' }) as JsonSchema;
  if (rest.$defs) throw new Error('a described schema holds $defs (a recursive or registered schema): name it a component instead');
  return rest;
}

/** A request schema's part (params, query or body), or undefined when it has none. */
export function requestPart(request: JsonSchema, part: 'params' | 'query' | 'body'): { schema: JsonSchema; required: boolean } | undefined {
  const properties = request.properties as Record<string, JsonSchema> | undefined;
  const schema = properties?.[part];
  if (!schema) return undefined;
  return { schema, required: ((request.required as string[] | undefined) ?? []).includes(part) };
}

/** The properties of an object schema, merged over allOf (zod intersections), with which are required. */
export function objectProperties(schema: JsonSchema): { name: string; schema: JsonSchema; required: boolean }[] {
  const parts = [schema, ...((schema.allOf as JsonSchema[] | undefined) ?? [])];
  const out = new Map<string, { name: string; schema: JsonSchema; required: boolean }>();
  for (const part of parts) {
    const required = new Set((part.required as string[] | undefined) ?? []);
    for (const [name, property] of Object.entries((part.properties as Record<string, JsonSchema> | undefined) ?? {})) {
      out.set(name, { name, schema: property, required: required.has(name) || (out.get(name)?.required ?? false) });
    }
  }
  return [...out.values()];
}
