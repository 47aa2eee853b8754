// A Google Workspace connection's directory provisioning (user and group sync), kept by the
// API at /connections/{id}/directory-provisioning (recorded, TestAccDirectoryProvisioning:
// created by POST, changed by PATCH, 404 until created). In config it is the connection's
// `directory_provisioning`; config that leaves it out does not manage it. Read only for the
// strategy that can have one.

import { ApiError } from '../api/api-error.ts';
import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';

/** Strategies the API keeps a directory provisioning for (the recordings: Google Workspace). */
const DIRECTORY_STRATEGIES = new Set(['google-apps']);
/** Where the configuration read with a connection is kept on its raw record (not a config field). */
const READ_KEY = 'tenantform:directory_provisioning';
const FIELDS = ['mapping', 'synchronize_automatically', 'synchronize_groups'] as const;

export const directoryProvisioningSchema = {
  type: 'object',
  description:
    'Directory provisioning (google-apps connections): which Google Workspace attributes fill which Auth0 user fields (default: the API’s mapping), and whether users and groups synchronise automatically.',
  additionalProperties: false,
  properties: {
    mapping: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['idp', 'auth0'],
        properties: {
          idp: { type: 'string', minLength: 1, description: 'The attribute in the Google Workspace schema.' },
          auth0: { type: 'string', minLength: 1, description: 'The Auth0 user field it fills.' },
        },
      },
    },
    synchronize_automatically: {
      type: 'boolean',
      description: 'Whether users synchronise periodically. Default: false.',
    },
    synchronize_groups: {
      type: 'string',
      enum: ['all', 'off', 'selected'],
      description: 'Which groups synchronise. Default: off.',
    },
  },
} as const;

/** The connection's directory provisioning, when its strategy can have one; none is `null`. */
export async function readDirectoryProvisioning(
  ctx: AdapterContext,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!DIRECTORY_STRATEGIES.has(String(raw.strategy))) return {};
  ctx.perObjectReads?.count('connections', 'directory_provisioning');
  return { [READ_KEY]: (await currentProvisioning(ctx, String(raw.id))) ?? null };
}

/** The listed connection with its directory provisioning as config writes it. */
export function directoryProvisioningToConfig(raw: Record<string, unknown>): ConfigObject {
  const config = structuredClone(raw) as ConfigObject;
  delete config[READ_KEY];
  const read = raw[READ_KEY];
  if (isPlainObject(read as Json)) config.directory_provisioning = settingsOf(read as ConfigObject);
  return config;
}

/** The request body without the directory provisioning: it is written at its own endpoint. */
export function withoutDirectoryProvisioning(body: ConfigObject): ConfigObject {
  const { directory_provisioning: _provisioning, ...rest } = body;
  return rest;
}

/** Creates or changes the directory provisioning config names; leaves it alone when config does not. */
export async function writeDirectoryProvisioning(
  ctx: AdapterContext,
  connectionId: string,
  desired: ConfigObject,
): Promise<void> {
  const wanted = desired.directory_provisioning;
  if (!isPlainObject(wanted)) return;
  const path = { params: { path: { id: connectionId } } };
  const body = settingsOf(wanted);
  const current = await currentProvisioning(ctx, connectionId);
  if (!current) {
    await ctx.api.unwrap(ctx.api.http.POST('/connections/{id}/directory-provisioning', { ...path, body }));
    return;
  }
  // Only what config names and the tenant has otherwise; the rest stays as it is.
  const changed = Object.fromEntries(
    Object.entries(body).filter(([k, v]) => canonicalJson(v) !== canonicalJson(current[k] ?? null)),
  );
  if (Object.keys(changed).length === 0) return;
  await ctx.api.unwrap(
    ctx.api.http.PATCH('/connections/{id}/directory-provisioning', { ...path, body: changed }),
  );
}

/** The settings config holds (not the server's connection name, strategy or sync status). */
function settingsOf(source: ConfigObject): ConfigObject {
  const out: ConfigObject = {};
  for (const field of FIELDS) if (source[field] !== undefined) out[field] = source[field];
  return out;
}

async function currentProvisioning(
  ctx: AdapterContext,
  connectionId: string,
): Promise<ConfigObject | undefined> {
  try {
    return (await ctx.api.unwrap(
      ctx.api.http.GET('/connections/{id}/directory-provisioning', {
        params: { path: { id: connectionId } },
      }),
    )) as ConfigObject;
  } catch (error) {
    // None yet.
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}
