import { clientDefaults, tenantNameOf } from '../resources/clients.ts';
import { newConnection } from '../resources/connections.ts';
import { newResourceServer } from '../resources/resource-servers.ts';
import { EMULATOR_META } from './emulator-meta.ts';
import type { IdFactory } from './ids.ts';
import { TenantStore } from './tenant-store.ts';

const managementApiIdentifier = (domain: string) => `https://${domain}/api/v2/`;

const scopeDefinitions = (scopes: string[]) =>
  scopes.map((value) => ({ value, description: value.replace(/[:_]/g, ' ') }));

export { EMULATOR_META } from './emulator-meta.ts';

export interface DeployerCredentials {
  clientId: string;
  clientSecret: string;
}

/**
 * A new tenant as Auth0 creates it (global client, Default App, the two default connections,
 * the Management API), plus the deployer: a machine-to-machine client granted every scope.
 */
export function freshTenant(
  domain: string,
  scopes: string[],
  ids: IdFactory,
  deployer: DeployerCredentials,
): TenantStore {
  const store = new TenantStore(ids.alphanumeric(48));
  const clients = store.collection('/clients');
  const globalClient = {
    ...clientDefaults({}),
    name: 'All Applications',
    client_id: ids.alphanumeric(32),
    client_secret: ids.alphanumeric(64),
    tenant: tenantNameOf(domain),
    global: true,
    callbacks: [],
  };
  const defaultApp = {
    ...clientDefaults({}),
    name: 'Default App',
    client_id: ids.alphanumeric(32),
    client_secret: ids.alphanumeric(64),
  };
  const deployerClient = {
    ...clientDefaults({ app_type: 'non_interactive' }),
    name: 'tenantform deployer',
    description:
      'Machine-to-machine client the emulator creates for tenantform; granted every Management API scope.',
    app_type: 'non_interactive',
    client_id: deployer.clientId,
    client_secret: deployer.clientSecret,
  };
  for (const client of [globalClient, defaultApp, deployerClient]) clients.set(client.client_id, client);

  const connections = store.collection('/connections');
  for (const [name, strategy] of [
    ['Username-Password-Authentication', 'auth0'],
    ['google-oauth2', 'google-oauth2'],
  ]) {
    const connection = newConnection(ids.prefixed('con'), {
      name,
      strategy,
      enabled_clients: [defaultApp.client_id],
    });
    connections.set(connection.id, connection);
  }

  const managementApi = {
    ...newResourceServer(ids.hex(24), {
      name: 'Auth0 Management API',
      identifier: managementApiIdentifier(domain),
      scopes: scopeDefinitions(scopes),
    }),
    is_system: true,
  };
  store.collection('/resource-servers').set(managementApi.id, managementApi);

  const grant = {
    id: ids.prefixed('cgr'),
    client_id: deployer.clientId,
    audience: managementApi.identifier,
    scope: [...scopes],
    is_system: false,
    subject_type: 'client',
  };
  store.collection('/client-grants').set(grant.id, grant);
  // The tenant's encryption key hierarchy, as GET /keys/encryption lists it (recorded).
  const rootKid = ids.uuid();
  const keys = store.collection('/keys/encryption');
  for (const key of [
    { kid: rootKid, type: 'environment-root-key', parent_kid: null },
    { kid: ids.uuid(), type: 'tenant-master-key', parent_kid: rootKid },
  ]) {
    const created = new Date().toISOString();
    keys.set(key.kid, {
      ...key,
      state: 'active',
      created_at: created,
      updated_at: created,
      public_key: null,
    });
  }
  store.singletons.set(EMULATOR_META, { deployer_client_id: deployer.clientId });
  return store;
}

/**
 * Brings a tenant loaded from `--data` up to this run: the Management API's identifier follows
 * the port it now listens on, and its scopes (and the deployer's grant) follow the document.
 */
export function refreshSystemApi(store: TenantStore, domain: string, scopes: string[]): void {
  const servers = store.collection('/resource-servers');
  const system = store.findBy('/resource-servers', 'is_system', true);
  if (!system) return;
  const identifier = managementApiIdentifier(domain);
  const deployerId = store.singletons.get(EMULATOR_META)?.deployer_client_id;
  const grants = store.collection('/client-grants');
  for (const grant of store.filterBy('/client-grants', 'audience', system.identifier)) {
    grants.set(grant.id, {
      ...grant,
      audience: identifier,
      ...(grant.client_id === deployerId ? { scope: [...scopes] } : {}),
    });
  }
  servers.set(system.id, {
    ...system,
    identifier,
    scopes: scopeDefinitions(scopes),
  });
  store.changed();
}
