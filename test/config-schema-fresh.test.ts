// The committed config JSON Schema must be what `npm run gen:config-schema` makes of the API
// document and the adapters today, and it must compile.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { CONFIG_SCHEMA_FILE, renderConfigSchema } from '../tools/gen-config-schema.ts';
import { committedConfigValidators, renderConfigValidators } from '../tools/gen-config-validator.ts';
import { adapters } from '../src/resources/index.ts';

describe('config JSON Schema', () => {
  const committed = readFileSync(CONFIG_SCHEMA_FILE, 'utf8');

  it('is fresh (run `npm run gen:config-schema` if this fails)', () => {
    expect(committed === renderConfigSchema(), 'schemas/tenantform.schema.json is stale').toBe(true);
  });

  it('has fresh standalone validators (run `npm run gen:config-schema` if this fails)', () => {
    const fresh = renderConfigValidators(committed);
    const files = committedConfigValidators();
    expect([...files.keys()], 'schemas/validators/ holds other modules').toEqual([...fresh.keys()].sort());
    for (const [name, text] of fresh) {
      expect(files.get(name) === text, `schemas/validators/${name} is stale`).toBe(true);
    }
  }, 120_000);

  it('has a section for every adapter, and compiles with ajv', () => {
    const schema = JSON.parse(committed);
    expect(Object.keys(schema.properties).sort()).toEqual(
      ['tenantform', ...adapters.map((a) => a.type)].sort(),
    );
    const ajv = new Ajv2020({ strict: false, logger: false });
    const validate = ajv.compile(schema);
    expect(validate({ clients: [{ name: 'A', app_type: 'spa' }] })).toBe(true);
    expect(validate({ clients: [{ name: 'A', app_typo: 'spa' }] })).toBe(false);
    expect(validate({ client_grants: [{ client: 'A', audience: 'https://x', scope: ['read:x'] }] })).toBe(
      true,
    );
    expect(validate({ client_grants: [{ client_id: 'abc', audience: 'https://x' }] })).toBe(false);
  });

  it('accepts `${VAR}` where a number or boolean goes, as editors read it', () => {
    const validate = new Ajv2020({ strict: false, logger: false }).compile(JSON.parse(committed));
    expect(validate({ tenant: { session_lifetime: '${HOURS}', idle_session_lifetime: 24 } })).toBe(true);
    expect(validate({ clients: [{ name: 'A', oidc_conformant: '${OIDC:-true}' }] })).toBe(true);
    expect(validate({ tenant: { session_lifetime: 'a day' } })).toBe(false);
  });
});
