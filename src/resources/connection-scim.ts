// A connection's inbound SCIM configuration, kept by the API at
// /connections/{id}/scim-configuration (one per connection of a SCIM-capable strategy). In
// config it is the connection's `scim_configuration`; config that leaves it out does not
// manage it. Read only for the strategies that can have one.

import { ApiError } from '../api/api-error.ts';
import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';

/** Strategies the API takes inbound SCIM for (Auth0's docs; any other is refused). */
const SCIM_STRATEGIES = new Set(['samlp', 'oidc', 'okta', 'waad']);
/** Where the configuration read with a connection is kept on its raw record (not a config field). */
const READ_KEY = 'tenantform:scim';
/** What a configuration created without one uses as the user id. */
const DEFAULT_USER_ID_ATTRIBUTE = 'externalId';

export const scimSchema = {
  type: 'object',
  description:
    'Inbound SCIM provisioning (samlp, oidc, okta and waad connections): the user id attribute (default externalId) and the SCIM ↔ Auth0 attribute mapping (default: the API’s).',
  additionalProperties: false,
  properties: {
    user_id_attribute: { type: 'string', minLength: 1 },
    mapping: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['auth0', 'scim'],
        properties: { auth0: { type: 'string', minLength: 1 }, scim: { type: 'string', minLength: 1 } },
      },
    },
  },
} as const;

/** The connection's SCIM configuration, when its strategy can have one; none is `null`. */
export async function readScim(
  ctx: AdapterContext,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!SCIM_STRATEGIES.has(String(raw.strategy))) return {};
  return { [READ_KEY]: (await currentScim(ctx, String(raw.id))) ?? null };
}

/** The listed connection with its SCIM configuration as config writes it. */
export function scimToConfig(raw: Record<string, unknown>): ConfigObject {
  const config = structuredClone(raw) as ConfigObject;
  delete config[READ_KEY];
  const scim = raw[READ_KEY];
  if (isPlainObject(scim as Json)) {
    const { user_id_attribute, mapping } = scim as ConfigObject;
    config.scim_configuration = { user_id_attribute: user_id_attribute ?? null, mapping: mapping ?? [] };
  }
  return config;
}

/** Both sides: the user id attribute a configuration has when config leaves it out. */
export function canonicalScim(config: ConfigObject): ConfigObject {
  const scim = config.scim_configuration;
  if (!isPlainObject(scim) || scim.user_id_attribute !== undefined) return config;
  return { ...config, scim_configuration: { ...scim, user_id_attribute: DEFAULT_USER_ID_ATTRIBUTE } };
}

/** The request body without the SCIM configuration: it is written at its own endpoint. */
export function withoutScim(body: ConfigObject): ConfigObject {
  const { scim_configuration: _scim, ...rest } = body;
  return rest;
}

/** Creates or changes the SCIM configuration config names; leaves it alone when config does not. */
export async function writeScim(
  ctx: AdapterContext,
  connectionId: string,
  desired: ConfigObject,
): Promise<void> {
  const wanted = desired.scim_configuration;
  if (!isPlainObject(wanted)) return;
  const path = { params: { path: { id: connectionId } } };
  const current = await currentScim(ctx, connectionId);
  if (!current) {
    await ctx.api.unwrap(
      ctx.api.http.POST('/connections/{id}/scim-configuration', { ...path, body: wanted }),
    );
    return;
  }
  // The update takes both fields: what config leaves out stays as the tenant has it.
  const body = {
    user_id_attribute: String(
      wanted.user_id_attribute ?? current.user_id_attribute ?? DEFAULT_USER_ID_ATTRIBUTE,
    ),
    mapping: (wanted.mapping ?? current.mapping ?? []) as { auth0: string; scim: string }[],
  };
  const same = (a: Json | undefined, b: Json | undefined) =>
    canonicalJson(a ?? null) === canonicalJson(b ?? null);
  if (same(body.user_id_attribute, current.user_id_attribute) && same(body.mapping, current.mapping)) return;
  await ctx.api.unwrap(ctx.api.http.PATCH('/connections/{id}/scim-configuration', { ...path, body }));
}

async function currentScim(ctx: AdapterContext, connectionId: string): Promise<ConfigObject | undefined> {
  try {
    return (await ctx.api.unwrap(
      ctx.api.http.GET('/connections/{id}/scim-configuration', { params: { path: { id: connectionId } } }),
    )) as ConfigObject;
  } catch (error) {
    // None yet; or a tenant without SCIM (403), where config naming one fails on write, naming it.
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) return undefined;
    throw error;
  }
}
