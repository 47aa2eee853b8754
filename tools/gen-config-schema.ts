// Builds schemas/tenantform.schema.json, the JSON Schema of a tenantform config, from the
// Management API document's request schemas and each adapter's configFields. Editors use
// it for completion (`# yaml-language-server: $schema=…`); the loader validates with it.
// Run by `npm run gen:config-schema`; a test fails when the committed file is stale.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { acceptVariables } from '../src/config/variable-forms.ts';
import { adapters } from '../src/resources/index.ts';
import type { ResourceAdapter } from '../src/resources/contract.ts';

type Schema = Record<string, unknown>;

const API_DOCUMENT = fileURLToPath(new URL('../schemas/auth0-management-api.yaml', import.meta.url));
const ENFORCED_CONSTRAINTS = fileURLToPath(new URL('../schemas/enforced-constraints.yaml', import.meta.url));
/** An integer the document leaves unbounded still has to be one JavaScript (and the API) holds exactly. */
const LARGEST_INTEGER = Number.MAX_SAFE_INTEGER;
export const CONFIG_SCHEMA_FILE = fileURLToPath(
  new URL('../schemas/tenantform.schema.json', import.meta.url),
);

/**
 * The schema the loader validates with: the API's request schemas with the constraints the
 * API enforces beyond its document (`enforced`: component → dotted property path → keywords).
 */
export function buildConfigSchema(
  apiDocument: { components: { schemas: Record<string, Schema> } },
  types: readonly ResourceAdapter[] = adapters,
  enforced: Record<string, Record<string, Schema>> = {},
): Schema {
  const apiSchemas = withEnforcedConstraints(apiDocument.components.schemas, enforced);
  const defs: Record<string, Schema> = {};
  const properties: Record<string, Schema> = {
    tenantform: settingsSchema(types),
  };

  for (const adapter of types) {
    const item = itemSchema(adapter, apiSchemas, defs);
    const name = `config_${adapter.type}`;
    defs[name] = item;
    const ref = { $ref: `#/$defs/${name}` };
    const described = (schema: Schema): Schema =>
      adapter.description ? { description: adapter.description, ...schema } : schema;
    if (adapter.section === 'singleton') properties[adapter.type] = described(ref);
    else if (adapter.section === 'list') properties[adapter.type] = described({ type: 'array', items: ref });
    else properties[adapter.type] = described(mapSchema(adapter, item, ref));
  }

  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://github.com/tenantform/tenantform/schemas/tenantform.schema.json',
    title: 'tenantform configuration',
    description: 'An Auth0 tenant described by tenantform. Field names are the Management API v2 names.',
    type: 'object',
    additionalProperties: false,
    properties,
    $defs: boundIntegers(defs),
  };
}

function withEnforcedConstraints(
  apiSchemas: Record<string, Schema>,
  enforced: Record<string, Record<string, Schema>>,
): Record<string, Schema> {
  const out = { ...apiSchemas };
  for (const [component, fields] of Object.entries(enforced)) {
    if (!out[component]) throw new Error(`enforced constraints: API schema '${component}' not found`);
    out[component] = structuredClone(out[component]);
    for (const [path, keywords] of Object.entries(fields)) {
      let node: Schema | undefined = out[component];
      for (const name of path.split('.'))
        node = (node?.properties as Record<string, Schema> | undefined)?.[name];
      if (!node) throw new Error(`enforced constraints: ${component} has no property ${path}`);
      Object.assign(node, keywords);
    }
  }
  return out;
}

/** Every integer without a maximum gets the largest exact one, so `1e300` is refused, not sent. */
function boundIntegers<T>(node: T): T {
  if (Array.isArray(node)) return node.map(boundIntegers) as T;
  if (typeof node !== 'object' || node === null) return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'enum' || k === 'const' ? v : boundIntegers(v);
  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes('integer') && out.maximum === undefined) out.maximum = LARGEST_INTEGER;
  return out as T;
}

function itemSchema(
  adapter: ResourceAdapter,
  apiSchemas: Record<string, Schema>,
  defs: Record<string, Schema>,
): Schema {
  let schema: Schema = { type: 'object', additionalProperties: false, properties: {} };
  if (adapter.configSchema) {
    const base = apiSchemas[adapter.configSchema];
    if (!base) throw new Error(`${adapter.type}: API schema '${adapter.configSchema}' not found`);
    if (base['x-placeholder'])
      throw new Error(`${adapter.type}: API schema '${adapter.configSchema}' is a placeholder`);
    schema = structuredClone(base);
  }
  const fields = adapter.configFields;
  if (fields) {
    const props = { ...((schema.properties as Record<string, Schema> | undefined) ?? {}) };
    for (const f of fields.remove ?? []) delete props[f];
    Object.assign(props, fields.add ?? {});
    schema.properties = props;
    const required = ((schema.required as string[] | undefined) ?? []).filter(
      (f) => !fields.remove?.includes(f),
    );
    for (const f of fields.required ?? []) if (!required.includes(f)) required.push(f);
    if (required.length > 0) schema.required = required;
    else delete schema.required;
  }
  return rewriteRefs(schema, apiSchemas, defs);
}

/** A map section: one nested map per level of the key, each level's names from its enum where it has one. */
function mapSchema(adapter: ResourceAdapter, item: Schema, ref: Schema): Schema {
  const levels = adapter.mapKeys ?? ['key'];
  let schema: Schema = adapter.mapValueField
    ? ((item.properties as Record<string, Schema>)[adapter.mapValueField] as Schema)
    : ref;
  for (let level = levels.length - 1; level >= 0; level--) {
    const names = adapter.mapKeyValues?.[level];
    // The names both as properties (editors complete them) and as the only names allowed.
    const inner: Schema = schema;
    schema = {
      type: 'object',
      ...(names && {
        properties: Object.fromEntries(names.map((name) => [name, inner])),
        propertyNames: { enum: [...names] },
      }),
      additionalProperties: schema,
    };
  }
  return schema;
}

/** Copies every API component the schema reaches into $defs, pointing refs there. */
function rewriteRefs(
  node: unknown,
  apiSchemas: Record<string, Schema>,
  defs: Record<string, Schema>,
): Schema {
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(visit);
    if (typeof value !== 'object' || value === null) return value;
    const out: Schema = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string' && v.startsWith('#/components/schemas/')) {
        const name = v.slice('#/components/schemas/'.length);
        if (!(name in defs)) {
          defs[name] = {}; // reserve first: schemas can be recursive
          defs[name] = visit(apiSchemas[name] ?? { type: 'object' }) as Schema;
        }
        out.$ref = `#/$defs/${name}`;
      } else if (k.startsWith('x-') || k === 'example' || k === 'examples') {
        // editor noise, and ajv's strict mode rejects unknown keywords
      } else {
        out[k] = visit(v);
      }
    }
    return out;
  };
  return visit(node) as Schema;
}

function settingsSchema(all: readonly ResourceAdapter[]): Schema {
  const types = all.map((a) => a.type);
  const listPerType = (description: string): Schema => ({
    description,
    type: 'object',
    propertyNames: { enum: types },
    additionalProperties: { type: 'array', items: { type: 'string' } },
  });
  return {
    type: 'object',
    description: "tenantform's own settings.",
    additionalProperties: false,
    properties: {
      allow_delete: {
        description: 'Types whose objects missing from config are deleted from the tenant.',
        type: 'array',
        items: { enum: types },
      },
      ignore: listPerType('Field paths per type that are never compared nor sent (accepted differences).'),
      exclude: listPerType(
        'Object keys per type left out of every plan: never created, changed, deleted nor counted as unmanaged.',
      ),
      protect: listPerType(
        'Object keys per type that no plan deletes or replaces, even with --allow-delete.',
      ),
      moved: {
        description:
          'Renames per type, old key → new key: the object the tenant has under the old key is updated in place (its id kept).',
        type: 'object',
        propertyNames: { enum: all.filter((a) => a.renamable).map((a) => a.type) },
        additionalProperties: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
      },
    },
  };
}

/** The committed schema, for editors too: it accepts `${VAR}` wherever a number or boolean goes. */
export function renderConfigSchema(): string {
  const document = parse(readFileSync(API_DOCUMENT, 'utf8'));
  const enforced = parse(readFileSync(ENFORCED_CONSTRAINTS, 'utf8'));
  return `${JSON.stringify(acceptVariables(buildConfigSchema(document, adapters, enforced)), null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(CONFIG_SCHEMA_FILE, renderConfigSchema());
  console.log(`wrote ${CONFIG_SCHEMA_FILE}`);
}
