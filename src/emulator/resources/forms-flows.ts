import { createHash } from 'node:crypto';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

/**
 * Forms, flows and Flows Vault connections, as TestAccFormDataSource, TestAccFlowDataSource and
 * TestAccVaultConnection show them: `ap_` / `af_` / `ac_` + 22-character ids, server timestamps,
 * their own 404 wording, and for vault connections a fingerprint that changes with every write,
 * `ready: false` until the app is authorised, and a setup (the credentials) never returned.
 */
const stamped = (context: RequestContext, body: Json, id: string): Json => {
  const stamp = context.now().toISOString();
  return { id, ...body, created_at: stamp, updated_at: stamp };
};

/** A form reads without the empty top-level parts it was written with (`messages: {}`). */
function withoutEmptyParts(form: Json): Json {
  return Object.fromEntries(
    Object.entries(form).filter(
      ([, value]) =>
        !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
    ),
  );
}

/** PATCH replaces the top-level parts it names; `null` removes one. */
function patched(context: RequestContext, existing: Json, body: Json): Json {
  const merged: Json = { ...existing, updated_at: context.now().toISOString() };
  for (const [key, value] of Object.entries(body)) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export const forms: ResourceModule = {
  collection: '/forms',
  newId: ({ ids }) => `ap_${ids.alphanumeric(22)}`,
  create: (context, body, id) => withoutEmptyParts(stamped(context, body, id)),
  update: (context, existing, body) => withoutEmptyParts(patched(context, existing, body)),
  notFound: { message: 'Form not found', errorCode: 'inexistent_form' },
};

export const flows: ResourceModule = {
  collection: '/flows',
  newId: ({ ids }) => `af_${ids.alphanumeric(22)}`,
  create: stamped,
  update: patched,
  notFound: { message: 'Flow not found', errorCode: 'inexistent_flow' },
};

/** What the vault shows of a connection: never its setup. */
const fingerprintOf = (connection: Json): string =>
  createHash('md5')
    .update(JSON.stringify([connection.name, connection.setup ?? null, connection.updated_at]))
    .digest('hex');

export const flowsVaultConnections: ResourceModule = {
  collection: '/flows/vault/connections',
  newId: ({ ids }) => `ac_${ids.alphanumeric(22)}`,
  create: (context, body, id) => {
    const connection = { ready: false, ...stamped(context, body, id) };
    return { ...connection, fingerprint: fingerprintOf(connection) };
  },
  update: (context, existing, body) => {
    const connection = { ...existing, ...body, updated_at: context.now().toISOString() };
    return { ...connection, fingerprint: fingerprintOf(connection) };
  },
  present: (context, stored) => {
    const { setup: _setup, ...shown } = stored;
    // Writes answer `refreshed_at: null` for a connection never refreshed; reads leave it out.
    return context.operation.method === 'get'
      ? shown
      : { ...shown, refreshed_at: shown.refreshed_at ?? null };
  },
  notFound: { message: 'Flows Vault connection not found', errorCode: 'inexistent_flows_vault_connection' },
};
