// The clients associated with an organization (its applications, for My Organization and
// member access), kept by the API at /organizations/{id}/clients (recorded,
// TestAccOrganizationClients*: POST and DELETE take batches — of 10, as the recorded provider
// and auth0-deploy-cli send them — and a PATCH per client changes use_for_member_access).
// In config it is the organization's `clients`, by client name; config that leaves it out
// does not manage it. A tenant without the entitlement answers 403 (auth0-deploy-cli then
// skips it): such a tenant's organizations read without clients.

import { ApiError } from '../api/api-error.ts';
import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';
import { call, listAll, operation } from './kit/operations.ts';

const TYPE = 'organizations';
const LIST = operation(TYPE, 'GET /organizations/{id}/clients');
const ADD = operation(TYPE, 'POST /organizations/{id}/clients');
const REMOVE = operation(TYPE, 'DELETE /organizations/{id}/clients');
const UPDATE = operation(TYPE, 'PATCH /organizations/{id}/clients/{client_id}');
const BATCH = 10;
/** Where the associations read with an organization are kept on its raw record (not a config field). */
const READ_KEY = 'tenantform:clients';
/** What an association config writes without it is: the request always sends it. */
const DEFAULT_MEMBER_ACCESS = false;

export const organizationClientsSchema = {
  type: 'array',
  description:
    'Applications associated with the organization, by client name; config that leaves the list out does not manage it.',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['client'],
    properties: {
      client: { type: 'string', minLength: 1, description: 'Name of the client.' },
      use_for_member_access: {
        type: 'boolean',
        description: "Whether the client is used for the organization's member access. Default: false.",
      },
    },
  },
} as const;

/** The organization's client associations; none read (no entitlement) leaves them out. */
export async function readOrganizationClients(
  ctx: AdapterContext,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  ctx.perObjectReads?.count(TYPE, 'clients');
  const items = await currentClients(ctx, String(raw.id));
  return items ? { [READ_KEY]: items } : {};
}

/** The listed organization with its clients as config holds them (ids, translated to names by the ref). */
export function organizationClientsToConfig(raw: Record<string, unknown>): ConfigObject {
  const config = structuredClone(raw) as ConfigObject;
  delete config[READ_KEY];
  const items = raw[READ_KEY];
  if (Array.isArray(items))
    config.clients = (items as ConfigObject[]).map((item) => ({
      client: item.client_id as Json,
      use_for_member_access: (item.use_for_member_access as Json) ?? DEFAULT_MEMBER_ACCESS,
    }));
  return config;
}

/** Both sides: member access as the request sends it when config leaves it out. */
export function canonicalOrganizationClients(config: ConfigObject): ConfigObject {
  if (!Array.isArray(config.clients)) return config;
  return {
    ...config,
    clients: config.clients.map((item) =>
      isPlainObject(item) ? { use_for_member_access: DEFAULT_MEMBER_ACCESS, ...item } : item,
    ),
  };
}

/** The request body without the clients: they are written at their own endpoint. */
export function withoutOrganizationClients(body: ConfigObject): ConfigObject {
  const { clients: _clients, ...rest } = body;
  return rest;
}

/** Adds, changes and removes associations so the organization has those config lists. */
export async function writeOrganizationClients(
  ctx: AdapterContext,
  organizationId: string,
  desired: ConfigObject,
): Promise<void> {
  if (!Array.isArray(desired.clients)) return;
  const wanted = new Map<string, boolean>();
  for (const item of canonicalOrganizationClients(desired).clients as ConfigObject[])
    wanted.set(ctx.refs.idOf('clients', String(item.client)), item.use_for_member_access === true);
  const had = new Map(
    ((await currentClients(ctx, organizationId)) ?? []).map((item) => [
      String(item.client_id),
      item.use_for_member_access === true,
    ]),
  );
  const parent = { id: organizationId };
  const removed = [...had.keys()].filter((id) => !wanted.has(id));
  for (let i = 0; i < removed.length; i += BATCH)
    await call(ctx, REMOVE, parent, { clients: removed.slice(i, i + BATCH) }, undefined, true);
  for (const [id, access] of wanted) {
    const before = had.get(id);
    if (before !== undefined && canonicalJson(before) !== canonicalJson(access))
      await call(ctx, UPDATE, { ...parent, client_id: id }, { use_for_member_access: access });
  }
  const added = [...wanted].filter(([id]) => !had.has(id));
  for (let i = 0; i < added.length; i += BATCH) {
    const clients = added
      .slice(i, i + BATCH)
      .map(([client_id, use_for_member_access]) => ({ client_id, use_for_member_access }));
    await call(ctx, ADD, parent, { clients });
  }
}

async function currentClients(
  ctx: AdapterContext,
  organizationId: string,
): Promise<ConfigObject[] | undefined> {
  try {
    return await listAll<ConfigObject>(ctx, LIST, { id: organizationId });
  } catch (error) {
    // The entitlement is missing: config naming clients fails on write, with the API's answer.
    if (error instanceof ApiError && error.status === 403) return undefined;
    throw error;
  }
}
