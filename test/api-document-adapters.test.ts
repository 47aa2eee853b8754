// Every Management API operation a spec names exists in the restored document with real
// schemas: none of its request or response schemas, nor anything they reach, is a placeholder.
// The operations are the specs' declared ones, plus typed calls their hooks make.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { specs } from '../src/resources/index.ts';
import { declaredOperations } from '../src/resources/kit/declared-operations.ts';

const ROOT = new URL('../', import.meta.url);
const document = parse(readFileSync(new URL('schemas/auth0-management-api.yaml', ROOT), 'utf8'));
const schemas: Record<string, Record<string, unknown>> = document.components.schemas;

/** `/actions/actions/{id}` as a spec's hook calls it through the typed client. */
const typedCall = /http\.(GET|POST|PATCH|DELETE|PUT)\(\s*'([^']+)'/g;
/** `'GET /connections/{id}/scim-configuration'`: an operation named as data (kit operations, attached objects). */
const namedOperation = /'(GET|POST|PATCH|DELETE|PUT) (\/[^']+)'/g;

/** Every operation a spec declares, and every typed call its hooks make. */
function specCalls(): { method: string; path: string; type: string }[] {
  const calls: { method: string; path: string; type: string }[] = [];
  for (const spec of specs) {
    for (const name of declaredOperations(spec)) {
      const [method, path] = name.split(' ') as [string, string];
      calls.push({ method: method.toLowerCase(), path, type: spec.type });
    }
  }
  const dir = new URL('src/resources/', ROOT);
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const source = readFileSync(new URL(file, dir), 'utf8');
    for (const m of [...source.matchAll(typedCall), ...source.matchAll(namedOperation)]) {
      const method = m[1]!.toLowerCase();
      // A spec's declared operation is in the list already, under its type.
      if (!calls.some((c) => c.method === method && c.path === m[2])) {
        calls.push({ method, path: m[2]!, type: file.replace(/\.ts$/, '') });
      }
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

describe('the API document, as the specs use it', () => {
  const calls = specCalls();

  it('finds every spec’s operations', () => {
    expect(new Set(calls.map((c) => c.type)).size).toBeGreaterThanOrEqual(specs.length);
  });

  it.each(calls.map((c) => [`${c.method.toUpperCase()} ${c.path} (${c.type})`, c] as const))(
    '%s exists, with a scope and no placeholder schema',
    (_name, call) => {
      const operation = document.paths[call.path]?.[call.method];
      expect(operation, `${call.method} ${call.path} is not in the document`).toBeDefined();
      const scopes = (operation.security ?? []).flatMap(
        (requirement: Record<string, string[]>) => requirement.oAuth2ClientCredentials ?? [],
      );
      expect(scopes.length, `${call.method} ${call.path} names no scope`).toBeGreaterThan(0);
      expect(placeholdersReachedFrom(operation)).toEqual([]);
    },
  );
});
