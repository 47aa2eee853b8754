// The benchmark's generated tenant is a valid config: it loads with the real adapters and the
// committed config schema, every reference resolves within the config, and generation is
// deterministic.

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { countObjects, DEFAULT_SIZES, generateTenant, writeTenant } from '../bench/generate-tenant.ts';
import { checkReferences, loadConfig } from '../src/config/load.ts';
import { adapters } from '../src/resources/index.ts';

const schema = JSON.parse(readFileSync('schemas/tenantform.schema.json', 'utf8'));
const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tenantform-bench-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('bench/generate-tenant', () => {
  it('writes ~500 objects that load against the config schema with every reference resolved', () => {
    const tenant = generateTenant(DEFAULT_SIZES);
    const dir = writeTenant(freshDir(), tenant);
    const loaded = loadConfig(dir, { adapters, schema, env: {} });

    const counts = countObjects(tenant);
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(450);
    expect(total).toBeLessThanOrEqual(550);
    expect(loaded.objects).toHaveLength(total);
    for (const [type, n] of Object.entries(counts)) expect(loaded.byType.get(type)?.size, type).toBe(n);
    expect(checkReferences(loaded, adapters)).toEqual([]);
  });

  it('is deterministic: the same sizes give byte-identical files', () => {
    const a = writeTenant(freshDir(), generateTenant());
    const b = writeTenant(freshDir(), generateTenant());
    const files = readdirSync(a).sort();
    expect(readdirSync(b).sort()).toEqual(files);
    for (const file of files)
      expect(readFileSync(join(b, file), 'utf8')).toBe(readFileSync(join(a, file), 'utf8'));
  });

  it('grants each service an API at most once, whatever the number of APIs', () => {
    for (const resourceServers of [1, 2, 3, 7, 14, 21, 40]) {
      const { client_grants } = generateTenant({ ...DEFAULT_SIZES, resourceServers });
      const pairs = client_grants.map((g) => `${g.client} → ${g.audience}`);
      expect(new Set(pairs).size, `${resourceServers} APIs`).toBe(pairs.length);
    }
  });
});
