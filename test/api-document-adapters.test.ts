// Every Management API operation an adapter calls exists in the restored document with real
// schemas: none of its request or response schemas, nor anything they reach, is a placeholder.
// The operations are read from the adapters' own source, so a new call is checked too.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = new URL('../', import.meta.url);
const document = parse(readFileSync(new URL('schemas/auth0-management-api.yaml', ROOT), 'utf8'));
const schemas: Record<string, Record<string, unknown>> = document.components.schemas;

/** `/roles/${encodeURIComponent(id)}/permissions` and `/roles/{id}/permissions` both → `/roles/{}/permissions`. */
const shape = (path: string) => path.replace(/\$\{[^}]*\}\}?|\{[^}]*\}/g, '{}');

function adapterCalls(): { method: string; path: string; file: string }[] {
  const dir = new URL('src/resources/', ROOT);
  const calls: { method: string; path: string; file: string }[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const m of source.matchAll(/http\.(GET|POST|PATCH|DELETE|PUT)\(\s*'([^']+)'/g)) {
      calls.push({ method: m[1]!.toLowerCase(), path: m[2]!, file });
    }
    for (const m of source.matchAll(/list(?:Offset|Checkpoint|Paged)<[^>]*>\(\s*[`']([^`']+)[`']/g)) {
      calls.push({ method: 'get', path: m[1]!, file });
    }
  }
  return calls;
}

function placeholdersReachedFrom(node: unknown, seen = new Set<string>()): string[] {
  if (Array.isArray(node)) return node.flatMap((n) => placeholdersReachedFrom(n, seen));
  if (typeof node !== 'object' || node === null) return [];
  const found: string[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') {
      const name = value.replace('#/components/schemas/', '');
      if (seen.has(name)) continue;
      seen.add(name);
      const schema = schemas[name];
      if (!schema || schema['x-placeholder']) found.push(name);
      else found.push(...placeholdersReachedFrom(schema, seen));
    } else {
      found.push(...placeholdersReachedFrom(value, seen));
    }
  }
  return found;
}

describe('the API document, as the adapters use it', () => {
  const calls = adapterCalls();
  const paths = new Map(Object.keys(document.paths).map((p) => [shape(p), p]));

  it('finds the adapters’ calls in their source', () => {
    expect(calls.length).toBeGreaterThan(40);
  });

  it.each(calls.map((c) => [`${c.method.toUpperCase()} ${c.path} (${c.file})`, c] as const))(
    '%s exists, with a scope and no placeholder schema',
    (_name, call) => {
      const documented = paths.get(shape(call.path));
      expect(documented, `${call.path} is not in the document`).toBeDefined();
      const operation = document.paths[documented!][call.method];
      expect(operation, `${call.method} ${documented} is not in the document`).toBeDefined();
      const scopes = (operation.security ?? []).flatMap(
        (requirement: Record<string, string[]>) => requirement.oAuth2ClientCredentials ?? [],
      );
      expect(scopes.length, `${call.method} ${documented} names no scope`).toBeGreaterThan(0);
      expect(placeholdersReachedFrom(operation)).toEqual([]);
    },
  );
});
