/**
 * Generates src/api/operation-index.ts (committed): the facts of every operation of
 * schemas/auth0-management-api.yaml that resource specs rely on, so a spec names an
 * operation and the kit reads its paging, list key, fields, path enums and scopes from here
 * instead of a spec writing them again.
 *
 *   npm run gen:index
 *
 * test/api-index-fresh.test.ts compares the committed file with a fresh build.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';

const root = join(import.meta.dirname, '..');
export const API_DOCUMENT = join(root, 'schemas', 'auth0-management-api.yaml');
export const GENERATED_INDEX = join(root, 'src', 'api', 'operation-index.ts');

type Schema = Record<string, unknown>;
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}
interface Operation {
  operationId?: string;
  parameters?: { name: string; in: string; schema?: Schema; required?: boolean }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  security?: Record<string, string[]>[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
/** Formats the document gives fields that hold another object's id (`client-id`, `role-id`, …). */
const REFERENCE_FORMAT = /-id$/;
/** Deep enough for every nested reference the document has (`express_configuration.*.x_id`). */
const MAX_FIELD_DEPTH = 4;

export function buildOperationIndex(document: Document): string {
  const schemas = document.components.schemas;
  const resolve = (schema: Schema | undefined, seen = new Set<string>()): Schema | undefined => {
    if (!schema) return undefined;
    const ref = schema.$ref;
    if (typeof ref === 'string') {
      const name = ref.replace('#/components/schemas/', '');
      if (seen.has(name)) return undefined;
      seen.add(name);
      return resolve(schemas[name], seen);
    }
    return schema;
  };
  /** The object schemas a schema may be: itself, its allOf merged, each oneOf/anyOf branch. */
  const variants = (schema: Schema | undefined, depth = 0): Schema[] => {
    const s = resolve(schema);
    if (!s || depth > 6) return [];
    const out: Schema[] = [];
    for (const group of ['oneOf', 'anyOf'] as const) {
      if (Array.isArray(s[group])) for (const m of s[group] as Schema[]) out.push(...variants(m, depth + 1));
    }
    if (Array.isArray(s.allOf)) {
      const merged: Schema = { properties: {} };
      for (const part of s.allOf as Schema[]) {
        for (const v of variants(part, depth + 1)) {
          Object.assign(merged.properties as Schema, v.properties ?? {});
          if (v.type) merged.type = v.type;
          if (v.items) merged.items = v.items;
        }
      }
      out.push(merged);
    }
    if (s.properties || s.type === 'array' || s.items || out.length === 0) out.push(s);
    return out;
  };
  const fieldsOf = (schema: Schema | undefined): string[] | undefined => {
    const names = new Set<string>();
    let any = false;
    for (const v of variants(schema)) {
      if (v.properties) {
        any = true;
        for (const k of Object.keys(v.properties as Schema)) names.add(k);
      }
    }
    return any ? [...names].sort() : undefined;
  };
  const referenceFields = (schema: Schema | undefined): Record<string, string> => {
    const found: Record<string, string> = {};
    const walk = (node: Schema | undefined, path: string[], depth: number, seen: Set<Schema>) => {
      if (depth > MAX_FIELD_DEPTH) return;
      for (const v of variants(node)) {
        if (seen.has(v)) continue;
        const next = new Set(seen).add(v);
        if (typeof v.format === 'string' && REFERENCE_FORMAT.test(v.format) && path.length > 0) {
          found[path.join('.')] = v.format;
        }
        if (v.type === 'array' || v.items) walk(v.items as Schema, [...path, '*'], depth + 1, next);
        for (const [k, p] of Object.entries((v.properties as Record<string, Schema>) ?? {})) {
          walk(p, [...path, k], depth + 1, next);
        }
      }
    };
    walk(schema, [], 0, new Set());
    return Object.fromEntries(Object.entries(found).sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  /** The key of the array in a list reply (`{clients: [...]}`), or '' for a bare array reply. */
  const listKeyOf = (schema: Schema | undefined): string | undefined => {
    const keys = new Set<string>();
    let bare = false;
    for (const v of variants(schema)) {
      if (v.type === 'array') bare = true;
      for (const [k, p] of Object.entries((v.properties as Record<string, Schema>) ?? {})) {
        if (variants(p).some((pv) => pv.type === 'array') && !['next'].includes(k)) keys.add(k);
      }
    }
    if (keys.size === 1) return [...keys][0];
    if (keys.size === 0 && bare) return '';
    return undefined;
  };
  const itemFieldsOf = (schema: Schema | undefined, listKey: string): string[] | undefined => {
    for (const v of variants(schema)) {
      if (listKey === '' && v.type === 'array') return fieldsOf(v.items as Schema);
      const property = (v.properties as Record<string, Schema> | undefined)?.[listKey];
      if (property) {
        for (const pv of variants(property)) if (pv.type === 'array') return fieldsOf(pv.items as Schema);
      }
    }
    return undefined;
  };
  const enumOf = (schema: Schema | undefined): string[] | undefined => {
    const s = resolve(schema);
    return Array.isArray(s?.enum) ? (s.enum as unknown[]).map(String) : undefined;
  };

  const entries: string[] = [];
  for (const path of Object.keys(document.paths).sort()) {
    for (const method of METHODS) {
      const op = document.paths[path]?.[method];
      if (!op) continue;
      const query = new Set((op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name));
      const success = Object.keys(op.responses ?? {})
        .filter((code) => /^2\d\d$/.test(code))
        .sort()[0];
      const responseSchema = success
        ? op.responses?.[success]?.content?.['application/json']?.schema
        : undefined;
      const requestSchema = op.requestBody?.content?.['application/json']?.schema;
      const facts: Record<string, unknown> = {
        id: op.operationId ?? `${method}_${path}`,
        scopes: (op.security ?? []).flatMap((r) => r.oAuth2ClientCredentials ?? []),
        status: success ? Number(success) : 200,
      };
      const pathParams: Record<string, string[] | null> = {};
      for (const p of op.parameters ?? []) if (p.in === 'path') pathParams[p.name] = enumOf(p.schema) ?? null;
      if (Object.keys(pathParams).length > 0) facts.pathParams = pathParams;
      if (method === 'get') {
        const styles: string[] = [];
        if (query.has('page') && query.has('per_page')) styles.push('offset');
        if (query.has('from') && query.has('take')) styles.push('checkpoint');
        const listKey = listKeyOf(responseSchema);
        if (styles.length > 0 || listKey === '') {
          const take = (op.parameters ?? []).find((p) => p.in === 'query' && p.name === 'take');
          const maxTake = (resolve(take?.schema) as { maximum?: number } | undefined)?.maximum;
          facts.paging = {
            styles,
            totals: query.has('include_totals'),
            ...(maxTake !== undefined && maxTake < 100 && { maxTake }),
          };
          if (listKey !== undefined) facts.listKey = listKey;
          const itemFields = listKey === undefined ? undefined : itemFieldsOf(responseSchema, listKey);
          if (itemFields) facts.responseFields = itemFields;
        }
      }
      if (facts.responseFields === undefined) {
        const fields = fieldsOf(responseSchema);
        if (fields) facts.responseFields = fields;
      }
      const requestFields = fieldsOf(requestSchema);
      if (requestFields) facts.requestFields = requestFields;
      if (typeof requestSchema?.$ref === 'string')
        facts.requestSchema = requestSchema.$ref.replace('#/components/schemas/', '');
      const refs = referenceFields(requestSchema);
      if (Object.keys(refs).length > 0) facts.referenceFields = refs;
      entries.push(`  ${JSON.stringify(`${method.toUpperCase()} ${path}`)}: ${JSON.stringify(facts)},`);
    }
  }
  return [
    '// Generated from schemas/auth0-management-api.yaml by `npm run gen:index`. Do not edit.',
    '// biome-ignore-all lint: generated file',
    '',
    "import type { OperationFacts } from './operation-facts.ts';",
    '',
    'export const OPERATIONS: Readonly<Record<string, OperationFacts>> = {',
    ...entries,
    '};',
    '',
  ].join('\n');
}

export function renderOperationIndex(): string {
  const source = buildOperationIndex(parse(readFileSync(API_DOCUMENT, 'utf8')) as Document);
  const biome = join(root, 'node_modules', '.bin', 'biome');
  return execFileSync(biome, ['format', `--stdin-file-path=${GENERATED_INDEX}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(GENERATED_INDEX, renderOperationIndex());
  console.log(`wrote ${GENERATED_INDEX}`);
}
