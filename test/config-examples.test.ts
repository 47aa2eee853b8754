// The environments example loads with the real adapters and the committed config schema,
// for dev and for prod.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what this test is about

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, checkReferences, loadConfig } from '../src/config/load.ts';
import { adapters } from '../src/resources/index.ts';

const dir = 'examples/environments';
const schema = JSON.parse(readFileSync('schemas/tenantform.schema.json', 'utf8'));
const API = 'Acme Bookings API';

const load = (env: string, vars: Record<string, string> = {}) =>
  loadConfig(`${dir}/tenant.yaml`, { adapters, schema, env: vars, valuesFiles: [`${dir}/env/${env}.yaml`] });

describe('examples/environments', () => {
  it('loads for dev from its values file, references resolved', () => {
    const loaded = load('dev');
    const spa = loaded.byType.get('clients')?.get('Acme Travel (SPA)');
    expect(spa?.config.callbacks).toEqual(['https://localhost:3000/callback']);
    expect(loaded.byType.get('tenant')?.get('default')?.config.friendly_name).toBe('Acme Travel (dev)');
    const api = loaded.byType.get('resource_servers')?.get('https://api.dev.acme.example/bookings');
    expect(api?.config.name).toBe(API);
    expect(api?.secretTemplates).toEqual({ signing_secret: '${API_SIGNING_SECRET}' });
    expect(checkReferences(loaded, adapters)).toEqual([]);
  });

  it('for prod, needs the secret from the environment, and says where', () => {
    let problems: unknown[] = [];
    try {
      load('prod');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({
        file: `${dir}/tenant.yaml`,
        line: 35,
        column: 21,
        path: 'resource_servers[0].signing_secret',
        message: expect.stringContaining('API_SIGNING_SECRET'),
      }),
    ]);
    const loaded = load('prod', { API_SIGNING_SECRET: 'from-the-pipeline' });
    const api = loaded.byType.get('resource_servers')?.get('https://api.acme.example/bookings');
    expect(api?.config.signing_secret).toBe('from-the-pipeline');
    expect(loaded.byType.get('tenant')?.get('default')?.config.friendly_name).toBe('Acme Travel');
  });
});
