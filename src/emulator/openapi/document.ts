import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

// biome-ignore lint/suspicious/noExplicitAny: an OpenAPI document is untyped JSON here
export type Json = any;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
export type HttpMethod = (typeof METHODS)[number];

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header' | 'cookie';
  required: boolean;
  schema: Json;
  explode: boolean;
  /**
   * `x-ignored: true`: the real API accepts the parameter and takes no notice of it (recorded:
   * `include_totals` on GET /rules-configs still answers a bare array).
   */
  ignored: boolean;
}

export interface Operation {
  method: HttpMethod;
  pathTemplate: string;
  /** Template split on `/`, params as `{name}`. */
  segments: string[];
  operationId: string;
  /** Any of these grants the operation (the API's `oAuth2ClientCredentials` list). */
  scopes: string[];
  parameters: Parameter[];
  /** JSON Schema of the JSON request body, or undefined when the operation takes none. */
  requestBodySchema: Json | undefined;
  /** The document marks the body required (an absent one is then a 400). */
  requestBodyRequired: boolean;
  /** The body schema is a restoration placeholder: accept any body. */
  placeholderBody: boolean;
  /** The first 2xx status the document lists. */
  successStatus: number;
  /** JSON Schema of the success response, if any. */
  responseSchema: Json | undefined;
}

export interface ApiDocument {
  raw: Json;
  operations: Operation[];
  /** Every scope any operation asks for: the Management API's scopes. */
  scopes: string[];
  /** Follows local `$ref`s (`#/components/...`) until a schema without one. */
  deref(schema: Json): Json;
}

const DEFAULT_DOCUMENT_PATH = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../schemas/auth0-management-api.yaml',
);

const loaded = new Map<string, { stamp: string; document: ApiDocument }>();

/**
 * Loads and indexes the OpenAPI document once per process (per file version): a test suite
 * starts dozens of emulators, and parsing 35k lines of YAML each time would dominate.
 * Parsed JSON is also cached on disk, keyed by the file's content hash, for the next process.
 */
export function loadApiDocument(path = DEFAULT_DOCUMENT_PATH): ApiDocument {
  const absolute = resolve(path);
  const stat = statSync(absolute);
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const cached = loaded.get(absolute);
  if (cached && cached.stamp === stamp) return cached.document;
  const document = indexDocument(readParsed(absolute));
  loaded.set(absolute, { stamp, document });
  return document;
}

function readParsed(path: string): Json {
  const text = readFileSync(path, 'utf8');
  const hash = createHash('sha256').update(text).digest('hex').slice(0, 24);
  const cacheDir = join(tmpdir(), 'tenantform-emulator-cache');
  const cacheFile = join(cacheDir, `${hash}.json`);
  try {
    return JSON.parse(readFileSync(cacheFile, 'utf8'));
  } catch {
    // uniqueKeys off: its check is quadratic per mapping and halves the parse of 35k lines.
    const raw = parseYaml(text, { maxAliasCount: -1, uniqueKeys: false });
    try {
      mkdirSync(cacheDir, { recursive: true });
      const temporary = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify(raw));
      renameSync(temporary, cacheFile);
    } catch {
      // The cache only saves time; a read-only tmpdir is not an error.
    }
    return raw;
  }
}

function indexDocument(raw: Json): ApiDocument {
  const deref = (schema: Json): Json => {
    let current = schema;
    for (let depth = 0; current && typeof current === 'object' && typeof current.$ref === 'string'; depth++) {
      if (depth > 32) throw new Error(`$ref cycle at ${schema.$ref}`);
      current = resolvePointer(raw, current.$ref);
    }
    return current;
  };
  const operations: Operation[] = [];
  const scopes = new Set<string>();
  for (const [pathTemplate, pathItemRef] of Object.entries<Json>(raw.paths ?? {})) {
    const pathItem = deref(pathItemRef) ?? {};
    const sharedParameters: Json[] = pathItem.parameters ?? [];
    for (const method of METHODS) {
      const op = pathItem[method];
      if (!op || typeof op !== 'object') continue;
      const operation = indexOperation(method, pathTemplate, op, sharedParameters, deref);
      for (const scope of operation.scopes) scopes.add(scope);
      operations.push(operation);
    }
  }
  return { raw, operations, scopes: [...scopes].sort(), deref };
}

function indexOperation(
  method: HttpMethod,
  pathTemplate: string,
  op: Json,
  sharedParameters: Json[],
  deref: (schema: Json) => Json,
): Operation {
  const byKey = new Map<string, Parameter>();
  for (const ref of [...sharedParameters, ...(op.parameters ?? [])].flat()) {
    const p = deref(ref);
    if (!p?.name || !p.in) continue;
    byKey.set(`${p.in}:${p.name}`, {
      name: p.name,
      in: p.in,
      required: p.required === true || p.in === 'path',
      schema: p.schema ?? {},
      explode: p.explode !== false,
      ignored: p['x-ignored'] === true,
    });
  }
  const requestBody = deref(op.requestBody);
  const content = requestBody?.content ?? {};
  const mediaType = content['application/json'] ?? Object.values<Json>(content)[0];
  const requestBodySchema = mediaType?.schema;
  const statuses = Object.keys(op.responses ?? {})
    .filter((code) => /^2\d\d$/.test(code))
    .sort();
  const successStatus = statuses.length > 0 ? Number(statuses[0]) : 200;
  const successResponse = deref(op.responses?.[String(successStatus)]);
  return {
    method,
    pathTemplate,
    segments: pathTemplate.split('/').filter(Boolean),
    operationId: op.operationId ?? `${method}_${pathTemplate}`,
    scopes: scopesOf(op.security),
    parameters: [...byKey.values()],
    requestBodySchema,
    requestBodyRequired: requestBody?.required === true,
    placeholderBody: requestBodySchema !== undefined && isPlaceholder(requestBodySchema, deref),
    successStatus,
    responseSchema: successResponse?.content?.['application/json']?.schema,
  };
}

/** A schema and its `oneOf`/`anyOf` branches, each dereferenced. */
export function schemaVariants(document: ApiDocument, schema: Json): Json[] {
  const resolved = document.deref(schema);
  return [resolved, ...(resolved?.oneOf ?? []), ...(resolved?.anyOf ?? [])].map((s) => document.deref(s));
}

function scopesOf(security: Json): string[] {
  const scopes: string[] = [];
  for (const requirement of security ?? []) {
    const listed = requirement?.oAuth2ClientCredentials;
    if (Array.isArray(listed)) scopes.push(...listed);
  }
  return scopes;
}

function isPlaceholder(schema: Json, deref: (schema: Json) => Json): boolean {
  const resolved = deref(schema);
  return resolved === undefined || resolved === null || resolved['x-placeholder'] === true;
}

function resolvePointer(root: Json, ref: string): Json {
  if (!ref.startsWith('#/')) return undefined;
  let node = root;
  for (const part of ref.slice(2).split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}
