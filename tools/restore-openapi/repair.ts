/**
 * Semantic repair of the parsed seed: drop corrupted operations and schema
 * tails, merge the overlay, add placeholders for dangling schema refs, ensure
 * operationId / security / securitySchemes.
 */
import { parse as yamlParse } from 'yaml';
import type { ParseResult } from './parser.ts';

type Obj = Record<string, unknown>;

export const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const METHOD_SET = new Set<string>(METHODS);

export const PLACEHOLDER_DESCRIPTION = 'Placeholder: missing from the damaged seed';

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** parent[key] as an object, created (empty) if absent or not an object */
function objAt(parent: Obj, key: string): Obj {
  const v = parent[key];
  if (isObj(v)) return v;
  const created: Obj = {};
  parent[key] = created;
  return created;
}

export interface DroppedOperation {
  path: string;
  method: string;
  operationId: string | undefined;
  reasons: string[];
}

/** Checks that catch operations spliced under the wrong path or method. */
export function operationProblems(path: string, method: string, op: Obj, pathItem: Obj): string[] {
  const reasons: string[] = [];
  const opId = typeof op.operationId === 'string' ? op.operationId : undefined;
  if (!opId) reasons.push('no operationId (operation cut short)');
  else {
    const prefix = opId.split('_')[0];
    if (METHOD_SET.has(prefix) && prefix !== method)
      reasons.push(`operationId ${opId} does not match method ${method}`);
  }
  if (!isObj(op.responses)) reasons.push('no responses (operation cut short)');
  const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
  const params = [
    ...(Array.isArray(pathItem.parameters) ? pathItem.parameters : []),
    ...(Array.isArray(op.parameters) ? op.parameters : []),
  ]
    .filter((p): p is Obj => isObj(p) && p.in === 'path')
    .map((p) => String(p.name))
    .sort();
  const uniq = [...new Set(params)];
  if (template.join(',') !== uniq.join(',')) {
    reasons.push(`path parameters [${uniq.join(', ')}] do not match the template [${template.join(', ')}]`);
  }
  const seg = path.split('/')[1] ?? '';
  const tags = Array.isArray(op.tags) ? op.tags.map(String) : [];
  if (!tags.length) reasons.push('no tags');
  else if (tags[0] !== seg) reasons.push(`tag ${tags[0]} does not match the path's first segment ${seg}`);
  return reasons;
}

export interface RepairReport {
  droppedOperations: DroppedOperation[];
  droppedSchemas: { name: string; reason: string }[];
  truncatedSchemas: { name: string; reason: string }[];
  log: string[];
}

/** Drop corrupted operations and unsound schemas. Mutates doc. */
export function repairSeed(doc: Obj, parsed: ParseResult): RepairReport {
  const log: string[] = [];
  const droppedOperations: DroppedOperation[] = [];
  const droppedSchemas: { name: string; reason: string }[] = [];
  const truncatedSchemas: { name: string; reason: string }[] = [];
  const paths = isObj(doc.paths) ? doc.paths : {};
  const cutOps = new Map(parsed.cutOperations.map((c) => [`${c.method} ${c.path}`, c.line]));
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of Object.keys(item)) {
      if (!METHOD_SET.has(method)) continue;
      const op = item[method];
      const reasons: string[] = [];
      const cutLine = cutOps.get(`${method} ${path}`);
      if (cutLine !== undefined)
        reasons.push(`contains the cut at seed line ${cutLine}; what follows belongs to another operation`);
      if (!isObj(op)) reasons.push('not an object');
      else reasons.push(...operationProblems(path, method, op, item));
      if (reasons.length) {
        droppedOperations.push({
          path,
          method,
          operationId: isObj(op) && typeof op.operationId === 'string' ? op.operationId : undefined,
          reasons,
        });
        delete item[method];
      }
    }
    // a path-level parameters list that does not match the template is corrupt too
    if (Array.isArray(item.parameters)) {
      const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const bad = item.parameters.some(
        (p) => !isObj(p) || (p.in === 'path' && !template.includes(String(p.name))),
      );
      if (bad) {
        log.push(`DROP path-level parameters of ${path}: they do not match the path template`);
        delete item.parameters;
      }
    }
  }
  // schemas: those that held a cut lost their tail; keep them if what is left is sound
  const schemas = isObj(doc.components) && isObj(doc.components.schemas) ? doc.components.schemas : {};
  for (const tail of parsed.droppedTails) {
    const s = schemas[tail.schema];
    const problems = isObj(s) ? schemaProblems(tail.schema, s) : ['not an object'];
    if (problems.length) {
      droppedSchemas.push({
        name: tail.schema,
        reason: `cut at its tail (seed lines ${tail.from}-${tail.to} dropped); what is left is unsound: ${problems.join('; ')}`,
      });
      delete schemas[tail.schema];
    } else {
      truncatedSchemas.push({
        name: tail.schema,
        reason: `cut at its tail (seed lines ${tail.from}-${tail.to} dropped); kept: what is left is sound`,
      });
    }
  }
  return { droppedOperations, droppedSchemas, truncatedSchemas, log };
}

/** A schema is sound if its required names are all properties, and it has some content. */
export function schemaProblems(name: string, s: Obj): string[] {
  const problems: string[] = [];
  if (Object.keys(s).length === 0) problems.push('empty');
  if (Array.isArray(s.required)) {
    const props = isObj(s.properties) ? s.properties : {};
    const missing = s.required.filter((n) => !Object.hasOwn(props, String(n)));
    if (missing.length) problems.push(`required names without properties: ${missing.join(', ')}`);
  }
  if (
    /Enum$/.test(name) &&
    s.enum === undefined &&
    s.const === undefined &&
    s.oneOf === undefined &&
    s.anyOf === undefined
  )
    problems.push('an enum schema without its enum values');
  return problems;
}

export interface OverlayFile {
  name: string;
  text: string;
}

/** Merge overlay documents: operations, path-level parameters and schemas replace or add. */
export function mergeOverlay(
  doc: Obj,
  files: OverlayFile[],
  log: string[],
): { operations: number; schemas: number } {
  let operations = 0;
  let schemasN = 0;
  const paths = objAt(doc, 'paths');
  const components = objAt(doc, 'components');
  for (const f of [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    let ov: unknown;
    try {
      ov = yamlParse(f.text);
    } catch (err) {
      log.push(`OVERLAY ${f.name}: not valid YAML, skipped (${(err as Error).message.split('\n')[0]})`);
      continue;
    }
    if (ov === null || ov === undefined) continue;
    if (!isObj(ov)) {
      log.push(`OVERLAY ${f.name}: not a mapping, skipped`);
      continue;
    }
    if (isObj(ov.paths)) {
      for (const [path, item] of Object.entries(ov.paths)) {
        if (!isObj(item)) continue;
        const target = objAt(paths, path);
        for (const [k, v] of Object.entries(item)) {
          if (METHOD_SET.has(k)) {
            const merging = isObj(v) && v[MERGE] === true && isObj(target[k]);
            log.push(
              `OVERLAY ${f.name}: ${merging ? 'amend' : Object.hasOwn(target, k) ? 'replace' : 'add'} ${k.toUpperCase()} ${path}`,
            );
            operations++;
            if (isObj(v) && v[MERGE] === true) {
              target[k] = merging ? amendOperation(target[k] as Obj, v) : withoutMerge(v);
              continue;
            }
          } else if (k === 'parameters') {
            log.push(
              `OVERLAY ${f.name}: ${Object.hasOwn(target, k) ? 'replace' : 'add'} path-level parameters of ${path}`,
            );
          }
          target[k] = structuredClone(v);
        }
      }
    }
    if (isObj(ov.components)) {
      for (const [section, entries] of Object.entries(ov.components)) {
        if (!isObj(entries)) continue;
        const target = objAt(components, section);
        for (const [name, v] of Object.entries(entries)) {
          if (section === 'schemas') {
            schemasN++;
            if (isObj(v) && v[MERGE] === true && isObj(target[name])) {
              log.push(`OVERLAY ${f.name}: amend schema ${name}`);
              target[name] = amendSchema(target[name] as Obj, v);
              continue;
            }
            if (Object.hasOwn(target, name)) log.push(`OVERLAY ${f.name}: replace schema ${name}`);
          }
          target[name] = isObj(v) ? withoutMerge(v) : structuredClone(v);
        }
      }
    }
  }
  return { operations, schemas: schemasN };
}

/**
 * `x-merge: true` on an overlay operation or schema amends what is there instead of replacing it:
 * an operation's `parameters` are added to (same name and place: replaced) and its `responses`
 * merged by status (a `null` response removes that status); a schema's `properties` are added to or replaced one by one. Every other key
 * replaces. For the small differences recorded traffic shows against a document that is otherwise
 * right (a newer body field, a nullable one, an extra query parameter).
 */
const MERGE = 'x-merge';

function withoutMerge(v: Obj): Obj {
  const { [MERGE]: _merge, ...rest } = structuredClone(v);
  return rest;
}

function amendOperation(existing: Obj, amendment: Obj): Obj {
  const { parameters, responses, ...rest } = withoutMerge(amendment);
  const merged: Obj = { ...existing, ...rest };
  if (Array.isArray(parameters)) {
    const key = (p: unknown) => (isObj(p) ? `${String(p.in)}:${String(p.name)}` : JSON.stringify(p));
    const added = new Set(parameters.map(key));
    const kept = Array.isArray(existing.parameters)
      ? existing.parameters.filter((p) => !added.has(key(p)))
      : [];
    merged.parameters = [...kept, ...parameters];
  }
  if (isObj(responses)) {
    const all: Obj = { ...(isObj(existing.responses) ? existing.responses : {}), ...responses };
    // `'202': null` removes a status the real API never answers.
    merged.responses = Object.fromEntries(Object.entries(all).filter(([, response]) => response !== null));
  }
  return merged;
}

function amendSchema(existing: Obj, amendment: Obj): Obj {
  const { properties, ...rest } = withoutMerge(amendment);
  const merged: Obj = { ...existing, ...rest };
  if (isObj(properties))
    merged.properties = { ...(isObj(existing.properties) ? existing.properties : {}), ...properties };
  return merged;
}

/** Every `$ref` string in the document. */
export function collectRefs(node: unknown, out: Set<string> = new Set()): Set<string> {
  if (Array.isArray(node)) for (const v of node) collectRefs(v, out);
  else if (isObj(node)) {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.add(v);
      else collectRefs(v, out);
    }
  }
  return out;
}

function resolvePointer(doc: Obj, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  let cur: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Obj)[part];
    if (cur === undefined) return undefined;
  }
  return cur;
}

export function danglingRefs(doc: Obj): string[] {
  return [...collectRefs(doc)].filter((r) => resolvePointer(doc, r) === undefined).sort();
}

/** Add a placeholder schema for every missing `#/components/schemas/X`. Returns the names. */
export function addPlaceholders(doc: Obj): string[] {
  const components = objAt(doc, 'components');
  const schemas = objAt(components, 'schemas');
  const added: string[] = [];
  for (const ref of danglingRefs(doc)) {
    const m = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
    if (!m) continue;
    const name = m[1];
    if (Object.hasOwn(schemas, name)) continue;
    schemas[name] = {
      type: 'object',
      additionalProperties: true,
      'x-placeholder': true,
      description: PLACEHOLDER_DESCRIPTION,
    };
    added.push(name);
  }
  return added;
}

/** Scopes from a 403 description such as `Insufficient scope, expected any of: read:x, read:y.` */
export function scopesFrom403(op: Obj): string[] {
  const responses = isObj(op.responses) ? op.responses : {};
  const r403 = responses['403'];
  const d = isObj(r403) && typeof r403.description === 'string' ? r403.description : '';
  const m = /expected(?: any of)?:\s*(.+)$/i.exec(d);
  if (!m) return [];
  return m[1]
    .replace(/\.\s*$/, '')
    .split(/\s*,\s*|\s+or\s+/)
    .map((s) => s.trim())
    .filter((s) => /^[a-z_]+:[a-z_]+$/.test(s));
}

/** Ensure operationId and oAuth2ClientCredentials security on every operation; securitySchemes present. */
export function ensureOperationBasics(doc: Obj, log: string[]): void {
  const paths = isObj(doc.paths) ? doc.paths : {};
  const seen = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObj(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      if (typeof op.operationId !== 'string' || !op.operationId || seen.has(op.operationId)) {
        const base = `${method}_${path
          .replace(/[{}]/g, '')
          .split('/')
          .filter(Boolean)
          .join('_')
          .replace(/[^A-Za-z0-9_]/g, '_')}`;
        let id = base;
        for (let n = 2; seen.has(id); n++) id = `${base}_${n}`;
        log.push(
          `FIX ${method.toUpperCase()} ${path}: operationId ${op.operationId === undefined ? 'missing' : `${String(op.operationId)} duplicate`}, set to ${id}`,
        );
        op.operationId = id;
      }
      seen.add(op.operationId as string);
      const sec = Array.isArray(op.security) ? op.security : undefined;
      const has = sec?.some((r) => isObj(r) && Array.isArray(r.oAuth2ClientCredentials));
      if (!has) {
        const scopes = scopesFrom403(op);
        const list = sec ? [...sec] : [{ bearerAuth: [] }];
        list.push({ oAuth2ClientCredentials: scopes });
        op.security = list;
        log.push(
          `FIX ${method.toUpperCase()} ${path}: security added with scopes [${scopes.join(', ')}] (from the 403 description)`,
        );
      }
    }
  }
  const components = objAt(doc, 'components');
  const ss = objAt(components, 'securitySchemes');
  if (!isObj(ss.bearerAuth)) {
    ss.bearerAuth = { type: 'http', scheme: 'bearer', bearerFormat: 'jwt' };
    log.push('FIX securitySchemes.bearerAuth recreated');
  }
  if (!isObj(ss.oAuth2ClientCredentials)) {
    ss.oAuth2ClientCredentials = {
      type: 'oauth2',
      flows: { clientCredentials: { tokenUrl: '/oauth/token/', scopes: {} } },
    };
    log.push('FIX securitySchemes.oAuth2ClientCredentials recreated');
  }
}
