import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startEmulator } from '../src/emulator/index.ts';

const SCRIPT = fileURLToPath(new URL('./fixtures/emulator/sdk-roundtrip.mjs', import.meta.url));

/** Runs a node script in a child process, so NODE_EXTRA_CA_CERTS is read at its start. */
function runNode(
  script: string,
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the official auth0 SDK against the emulator', () => {
  it('runs unmodified over TLS with NODE_EXTRA_CA_CERTS', async () => {
    const emulator = await startEmulator({ tls: true, actionBuildMs: 50 });
    try {
      expect(emulator.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const run = await runNode(SCRIPT, {
        NODE_EXTRA_CA_CERTS: emulator.certFile ?? '',
        AUTH0_DOMAIN: emulator.credentials.domain,
        AUTH0_CLIENT_ID: emulator.credentials.clientId,
        AUTH0_CLIENT_SECRET: emulator.credentials.clientSecret,
      });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const result = JSON.parse(run.stdout);
      expect(result).toEqual({
        clientsListed: 58,
        clientCallbacks: ['https://app.example.com/cb'],
        clientsAfterDelete: 4,
        resourceServers: [`https://${emulator.credentials.domain}/api/v2/`, 'https://orders.example.com'],
        apiTokenLifetime: 3600,
        connectionClients: [expect.any(String)],
        connections: ['Username-Password-Authentication', 'google-oauth2', 'sdk-db'],
        // A PATCH replaces options, but for the ones the server manages (recorded).
        connectionOptions: {
          passwordPolicy: 'excellent',
          authentication_methods: expect.any(Object),
          passkey_options: expect.any(Object),
        },
        pagedConnections: 53,
        pagedRoles: 55,
        rolePermissions: ['read:orders'],
        roles: ['order-admin:Order admins'],
        grants: ['read:orders write:orders'],
        actionStatus: 'built',
        versionNumber: 1,
        bindings: ['Add claims'],
        actions: ['add-claims'],
        boundDelete: 409,
        actionsAfterDelete: 0,
        logStreams: ['audit-2:active'],
        organization: 'Acme Inc.',
        organizationConnections: ['sdk-db:true'],
        tenantSettings: ['SDK', false, true],
        emailTemplate: 'Please verify',
        finalClients: 3,
      });
    } finally {
      await emulator.close();
    }
  }, 60_000);
});
