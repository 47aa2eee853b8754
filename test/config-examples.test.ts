// The environments example loads with the real adapters, for dev and for prod.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} templates are what this test is about

import { describe, expect, it } from 'vitest';
import { ConfigError, checkReferences, loadConfig } from '../src/config/load.ts';
import { adapters } from '../src/resources/index.ts';

const dir = 'examples/environments';

describe('examples/environments', () => {
  it('loads for dev from its values file, references resolved', () => {
    const loaded = loadConfig(`${dir}/tenant.yaml`, {
      adapters,
      env: {},
      valuesFiles: [`${dir}/env/dev.yaml`],
    });
    const spa = loaded.byType.get('clients')?.get('Acme Travel (SPA)');
    expect(spa?.config.callbacks).toEqual(['https://localhost:3000/callback']);
    expect(loaded.byType.get('tenant')?.get('default')?.config.friendly_name).toBe('Acme Travel (dev)');
    expect(loaded.byType.get('resource_servers')?.has('https://api.dev.acme.example/bookings')).toBe(true);
    const billing = loaded.byType.get('clients')?.get('Acme Billing Service');
    expect(billing?.secretTemplates).toEqual({ client_secret: '${BILLING_CLIENT_SECRET}' });
    expect(checkReferences(loaded, adapters)).toEqual([]);
  });

  it('for prod, needs the secret from the environment, and says where', () => {
    const load = (env: Record<string, string>) =>
      loadConfig(`${dir}/tenant.yaml`, { adapters, env, valuesFiles: [`${dir}/env/prod.yaml`] });
    expect(() => load({})).toThrow(ConfigError);
    try {
      load({});
    } catch (err) {
      expect((err as ConfigError).problems).toEqual([
        expect.objectContaining({
          file: `${dir}/tenant.yaml`,
          line: 29,
          column: 20,
          path: 'clients[1].client_secret',
          message: expect.stringContaining('BILLING_CLIENT_SECRET'),
        }),
      ]);
    }
    const loaded = load({ BILLING_CLIENT_SECRET: 'from-the-pipeline' });
    expect(loaded.byType.get('clients')?.get('Acme Billing Service')?.config.client_secret).toBe(
      'from-the-pipeline',
    );
    expect(loaded.byType.get('tenant')?.get('default')?.config.friendly_name).toBe('Acme Travel');
  });
});
