/**
 * Hand-run sanity check for schemas/overlay/*.yaml (the overlay merged into the OpenAPI document
 * restored from the damaged seed).
 *
 *   npx tsx tools/check-overlay.ts [--closure [--seed-paths /actions,/log-streams,...]] [--seed PATH]
 *
 * - every overlay file parses and has only `paths` / `components.schemas` at the top;
 * - every overlay operation has operationId, tags, responses and security;
 * - every `$ref` inside the overlay resolves to a schema in the seed or in the overlay;
 * - with --closure: follows $refs from the overlay operations through seed and overlay schemas
 *   and lists any schema still missing (these would become placeholders after restoration).
 *
 * The seed is flat (every line at column 0), so its schema names are read textually: after the big
 * cut (the `/users/{id}/identities` line) a component schema is a line `UpperCamelName:` and its
 * text runs to the next such line; `securitySchemes:` ends the schemas.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const args = process.argv.slice(2);
const seedPath = args.includes('--seed')
  ? args[args.indexOf('--seed') + 1]
  : join(import.meta.dirname, '..', '..', 'shared', 'seeds', 'auth0-management-api-v2.damaged.yaml');
const overlayDir = join(import.meta.dirname, '..', 'schemas', 'overlay');
const REF = /#\/components\/schemas\/([A-Za-z0-9_.-]+)/g;

// --- seed, textually
const lines = readFileSync(seedPath, 'utf8').split('\n');
const cut = lines.indexOf('/users/{id}/identities:');
const end = lines.indexOf('securitySchemes:');
const seedSchemas = new Map<string, string[]>(); // name -> refs in its text
{
  let name: string | undefined;
  let refs: string[] = [];
  for (let i = cut; i < end; i++) {
    const m = /^([A-Z][A-Za-z0-9_]*):$/.exec(lines[i]);
    if (m) {
      if (name) seedSchemas.set(name, refs);
      name = m[1];
      refs = [];
    } else if (name) for (const r of lines[i].matchAll(REF)) refs.push(r[1]);
  }
  if (name) seedSchemas.set(name, refs);
}

// --- overlay
const METHODS = new Set(['get', 'put', 'post', 'patch', 'delete']);
const overlaySchemas = new Map<string, unknown>();
const overlayOps: { file: string; path: string; method: string; op: Record<string, unknown> }[] = [];
const problems: string[] = [];
const files = readdirSync(overlayDir)
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const refsOf = (v: unknown, out: Set<string> = new Set()): Set<string> => {
  if (Array.isArray(v)) for (const x of v) refsOf(x, out);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (k === '$ref' && typeof x === 'string') for (const m of x.matchAll(REF)) out.add(m[1]);
      else refsOf(x, out);
    }
  return out;
};
const docs: Record<string, Record<string, unknown>> = {};
for (const f of files) {
  let doc: Record<string, unknown>;
  try {
    doc = parse(readFileSync(join(overlayDir, f), 'utf8'), { uniqueKeys: true }) ?? {};
  } catch (e) {
    problems.push(`${f}: does not parse: ${(e as Error).message.split('\n')[0]}`);
    continue;
  }
  docs[f] = doc;
  for (const k of Object.keys(doc))
    if (k !== 'paths' && k !== 'components') problems.push(`${f}: unexpected top-level key ${k}`);
  const comps = (doc.components ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(comps)) if (k !== 'schemas') problems.push(`${f}: unexpected components.${k}`);
  for (const [n, s] of Object.entries((comps.schemas ?? {}) as Record<string, unknown>)) {
    if (overlaySchemas.has(n)) problems.push(`${f}: schema ${n} defined in two overlay files`);
    overlaySchemas.set(n, s);
  }
  for (const [p, item] of Object.entries((doc.paths ?? {}) as Record<string, Record<string, unknown>>)) {
    const params = [...p.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) {
        if (method !== 'parameters') problems.push(`${f}: ${p}: unexpected key ${method}`);
        continue;
      }
      const o = op as Record<string, unknown>;
      overlayOps.push({ file: f, path: p, method, op: o });
      const where = `${f}: ${method.toUpperCase()} ${p}`;
      for (const k of ['operationId', 'tags', 'responses', 'security', 'summary'])
        if (!o[k]) problems.push(`${where}: no ${k}`);
      const id = String(o.operationId ?? '');
      if (id && !id.startsWith(`${method}_`))
        problems.push(`${where}: operationId ${id} does not start with ${method}_`);
      const pp = ((o.parameters ?? []) as Record<string, unknown>[])
        .filter((x) => x.in === 'path')
        .map((x) => x.name);
      for (const n of params)
        if (!pp.includes(n)) problems.push(`${where}: path parameter ${n} not declared`);
      for (const n of pp)
        if (!params.includes(String(n)))
          problems.push(`${where}: declared path parameter ${n} not in template`);
      const sec = JSON.stringify(o.security ?? []);
      if (!sec.includes('oAuth2ClientCredentials'))
        problems.push(`${where}: no oAuth2ClientCredentials scope`);
    }
  }
}
// A comma inside an unquoted flow-style value (`{ description: a, b }`) silently creates a key `b`
// with a null value: flag every null-valued key outside default/example/const/enum.
const nullKeys = (v: unknown, where: string, out: string[]): void => {
  if (Array.isArray(v)) {
    for (const [i, x] of v.entries()) nullKeys(x, `${where}[${i}]`, out);
  } else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (x === null && !['default', 'example', 'const'].includes(k)) out.push(`${where}.${k}`);
      else if (k !== 'enum' && k !== 'default' && k !== 'example') nullKeys(x, `${where}.${k}`, out);
    }
};
for (const [f, doc] of Object.entries(docs)) {
  const out: string[] = [];
  nullKeys(doc, '', out);
  for (const o of out) problems.push(`${f}: null-valued key ${o} (unquoted comma in a flow mapping?)`);
}
const ids = new Map<string, string>();
for (const { file, path, method, op } of overlayOps) {
  const id = String(op.operationId);
  if (ids.has(id))
    problems.push(`${file}: operationId ${id} used twice (${ids.get(id)} and ${method} ${path})`);
  ids.set(id, `${method} ${path}`);
}
const known = (n: string) => overlaySchemas.has(n) || seedSchemas.has(n);
for (const [f, doc] of Object.entries(docs))
  for (const r of refsOf(doc)) if (!known(r)) problems.push(`${f}: $ref to missing schema ${r}`);

// --- closure from the overlay operations
if (args.includes('--closure')) {
  const start = new Set<string>();
  for (const { op } of overlayOps) refsOf(op, start);
  // --seed-paths /actions,/log-streams: also start from the $refs of the seed's surviving path
  // blocks whose path starts with one of these prefixes (read textually, path line to next path).
  const sp = args.includes('--seed-paths') ? args[args.indexOf('--seed-paths') + 1].split(',') : [];
  if (sp.length) {
    let inside = false;
    for (let i = 0; i < cut; i++) {
      const l = lines[i];
      if (/^\/.*:$/.test(l)) inside = sp.some((x) => l.startsWith(x));
      else if (inside) for (const m of l.matchAll(REF)) start.add(m[1]);
    }
  }
  const seen = new Set<string>();
  const missing = new Map<string, string>();
  const todo: [string, string][] = [...start].map((s) => [s, '(operation)']);
  while (todo.length) {
    const [s, from] = todo.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    const next = overlaySchemas.has(s) ? [...refsOf(overlaySchemas.get(s))] : seedSchemas.get(s);
    if (!next) missing.set(s, from);
    else for (const n of next) todo.push([n, s]);
  }
  console.log(`closure: ${seen.size} schemas reachable from ${overlayOps.length} overlay operations`);
  for (const [s, from] of missing) problems.push(`closure: ${s} (referenced from ${from}) is missing`);
}

console.log(
  `${files.length} files, ${overlayOps.length} operations, ${overlaySchemas.size} schemas ` +
    `(${[...overlaySchemas.keys()].filter((n) => seedSchemas.has(n)).length} replace seed schemas); seed has ${seedSchemas.size} schemas`,
);
for (const p of problems) console.log(`PROBLEM ${p}`);
process.exitCode = problems.length ? 1 : 0;
