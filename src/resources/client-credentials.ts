// A client's private-key JWT and mTLS credentials. Config names them inside
// `client_authentication_methods.<method>.credentials` with their PEMs (write-only: the API
// never returns one); the API keeps them at /clients/{id}/credentials and the client lists
// only their ids. Reads join the two by id, writes create what config names and the tenant
// lacks, point the client at them, then delete the ones no longer named.

import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';
import { canonicalSet } from './kit/shaping.ts';

/** Where the credentials read with a client are kept on its raw record (not a config field). */
const READ_KEY = 'tenantform:credentials';

/** The credential type each method takes, when config leaves it out. */
const TYPE_OF_METHOD: Readonly<Record<string, string>> = {
  private_key_jwt: 'public_key',
  self_signed_tls_client_auth: 'x509_cert',
  tls_client_auth: 'cert_subject_dn',
};

/** What config may say of one credential; the PEM is an input the API never returns. */
export const credentialsSchema = {
  type: 'object',
  description:
    'Private-key JWT and mTLS credentials by method. Each credential is matched by name; its PEM (e.g. `pem: !file keys/app.pem`) is write-only, so a new key takes a new name.',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: Object.fromEntries(
    Object.entries(TYPE_OF_METHOD).map(([method, type]) => [
      method,
      {
        type: 'object',
        additionalProperties: false,
        required: ['credentials'],
        properties: {
          credentials: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: false,
              // CA-issued certificates are known by their subject (the API returns it), the others by their PEM (it never does).
              required: ['name', type === 'cert_subject_dn' ? 'subject_dn' : 'pem'],
              properties: {
                name: {
                  type: 'string',
                  minLength: 1,
                  maxLength: 128,
                  description: 'Name of the credential.',
                },
                credential_type: { type: 'string', enum: [type], description: `Default: ${type}.` },
                ...(type === 'cert_subject_dn'
                  ? {
                      subject_dn: {
                        type: 'string',
                        minLength: 1,
                        description: 'Subject DN of the client certificate (e.g. `CN=app,O=Acme`).',
                      },
                    }
                  : {
                      pem: {
                        type: 'string',
                        minLength: 1,
                        description: 'PEM of the public key or certificate.',
                      },
                    }),
                ...(type === 'public_key' && {
                  alg: { type: 'string', enum: ['RS256', 'RS384', 'PS256'], description: 'Default: RS256.' },
                }),
              },
            },
          },
        },
      },
    ]),
  ),
} as const;

interface LiveCredential {
  id: string;
  name?: string;
  credential_type?: string;
  alg?: string;
  subject_dn?: string;
}

/** The client's credentials, read when it uses any (most clients do not: no read). */
export async function readCredentials(
  ctx: AdapterContext,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!isPlainObject(raw.client_authentication_methods as Json)) return {};
  return { [READ_KEY]: await listCredentials(ctx, String(raw.client_id)) };
}

/** The listed client with each credential id replaced by the credential as config writes it. */
export function credentialsToConfig(raw: Record<string, unknown>): ConfigObject {
  const config = structuredClone(raw) as ConfigObject;
  delete config[READ_KEY];
  const methods = raw.client_authentication_methods;
  if (!isPlainObject(methods as Json)) return config;
  const byId = new Map(((raw[READ_KEY] ?? []) as LiveCredential[]).map((c) => [c.id, c]));
  const out: ConfigObject = {};
  for (const [method, value] of Object.entries(methods as ConfigObject)) {
    const ids = isPlainObject(value) && Array.isArray(value.credentials) ? value.credentials : [];
    out[method] = {
      credentials: ids.map((ref) => {
        const id = String(isPlainObject(ref) ? ref.id : ref);
        const c = byId.get(id);
        // A credential deleted behind the client's back shows by its id.
        if (!c) return { name: id };
        return {
          name: c.name ?? id,
          ...(c.credential_type && { credential_type: c.credential_type }),
          ...(c.alg && { alg: c.alg }),
          ...(c.subject_dn && { subject_dn: c.subject_dn }),
        };
      }),
    };
  }
  config.client_authentication_methods = out;
  return config;
}

/** Both sides: each credential's type and algorithm filled in, in order of name. */
export function canonicalCredentials(config: ConfigObject): ConfigObject {
  const methods = config.client_authentication_methods;
  if (!isPlainObject(methods)) return config;
  const out: ConfigObject = {};
  for (const [method, value] of Object.entries(methods)) {
    if (!isPlainObject(value) || !Array.isArray(value.credentials)) {
      out[method] = value;
      continue;
    }
    const filled = value.credentials.map((c) => {
      if (!isPlainObject(c)) return c;
      const type = (c.credential_type as string | undefined) ?? TYPE_OF_METHOD[method];
      return {
        ...c,
        ...(type && { credential_type: type }),
        ...(type === 'public_key' && { alg: c.alg ?? 'RS256' }),
      } as Json;
    });
    out[method] = { ...value, credentials: canonicalSet(filled, ['name']) };
  }
  return { ...config, client_authentication_methods: out };
}

/** The request body without the credentials: the API takes them only as ids, written after. */
export function withoutCredentials(body: ConfigObject): ConfigObject {
  const { client_authentication_methods: _methods, ...rest } = body;
  return rest;
}

/**
 * Makes the client's credentials those config names: creates the missing ones, points the
 * client at them (its own secret-based method switched off, as the API wants), deletes the
 * credentials no longer named. Does nothing for config that leaves the methods out.
 */
export async function writeCredentials(
  ctx: AdapterContext,
  clientId: string,
  desired: ConfigObject,
  /** The client as last read or written: its methods, by credential id. */
  current: Record<string, unknown>,
): Promise<void> {
  const wanted = desired.client_authentication_methods;
  if (!isPlainObject(wanted)) return;
  const existing = await listCredentials(ctx, clientId);
  const identity = (type: unknown, name: unknown) => `${String(type)}\u0000${String(name)}`;
  const byIdentity = new Map(existing.map((c) => [identity(c.credential_type, c.name), c]));
  const methods: ConfigObject = {};
  const used = new Set<string>();
  for (const [method, value] of Object.entries(
    canonicalCredentials({ client_authentication_methods: wanted })
      .client_authentication_methods as ConfigObject,
  )) {
    const credentials = isPlainObject(value) && Array.isArray(value.credentials) ? value.credentials : [];
    const ids: Json[] = [];
    for (const c of credentials as ConfigObject[]) {
      let found = byIdentity.get(identity(c.credential_type, c.name));
      if (!found) {
        found = (await ctx.api.unwrap(
          ctx.api.http.POST('/clients/{client_id}/credentials', {
            params: { path: { client_id: clientId } },
            body: c as never,
          }),
        )) as LiveCredential;
      }
      used.add(found.id);
      ids.push({ id: found.id });
    }
    methods[method] = { credentials: ids };
  }
  if (canonicalJson((current.client_authentication_methods ?? null) as Json) !== canonicalJson(methods)) {
    await ctx.api.unwrap(
      ctx.api.http.PATCH('/clients/{id}', {
        params: { path: { id: clientId } },
        body: { client_authentication_methods: methods, token_endpoint_auth_method: null } as never,
      }),
    );
  }
  for (const c of existing) {
    if (used.has(c.id)) continue;
    await ctx.api.unwrap(
      ctx.api.http.DELETE('/clients/{client_id}/credentials/{credential_id}', {
        params: { path: { client_id: clientId, credential_id: c.id } },
      }),
    );
  }
}

async function listCredentials(ctx: AdapterContext, clientId: string): Promise<LiveCredential[]> {
  const listed = await ctx.api.unwrap(
    ctx.api.http.GET('/clients/{client_id}/credentials', { params: { path: { client_id: clientId } } }),
  );
  return (listed ?? []) as LiveCredential[];
}
