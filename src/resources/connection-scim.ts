// A connection's inbound SCIM configuration, kept by the API at
// /connections/{id}/scim-configuration (one per connection of a SCIM-capable strategy). In
// config it is the connection's `scim_configuration`; config that leaves it out does not
// manage it. Read only for the strategies that can have one.

import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import { attachedObject } from './attached-object.ts';

/** Strategies the API takes inbound SCIM for (Auth0's docs; any other is refused). */
const SCIM_STRATEGIES = new Set(['samlp', 'oidc', 'okta', 'waad']);
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

export const scim = attachedObject({
  type: 'connections',
  field: 'scim_configuration',
  read: 'GET /connections/{id}/scim-configuration',
  create: 'POST /connections/{id}/scim-configuration',
  update: 'PATCH /connections/{id}/scim-configuration',
  appliesTo: (raw) => SCIM_STRATEGIES.has(String(raw.strategy)),
  // A tenant without SCIM (403): config naming one fails on write, naming it.
  noneStatuses: [403],
  toConfig: ({ user_id_attribute, mapping }) => ({
    user_id_attribute: user_id_attribute ?? null,
    mapping: mapping ?? [],
  }),
  // The update takes both fields: what config leaves out stays as the tenant has it.
  updateBody: (wanted, current) => {
    const body = {
      user_id_attribute: String(
        wanted.user_id_attribute ?? current.user_id_attribute ?? DEFAULT_USER_ID_ATTRIBUTE,
      ),
      mapping: (wanted.mapping ?? current.mapping ?? []) as Json,
    };
    const same = (a: Json | undefined, b: Json | undefined) =>
      canonicalJson(a ?? null) === canonicalJson(b ?? null);
    return same(body.user_id_attribute, current.user_id_attribute) && same(body.mapping, current.mapping)
      ? undefined
      : body;
  },
});

/** Both sides: the user id attribute a configuration has when config leaves it out. */
export function canonicalScim(config: ConfigObject): ConfigObject {
  const scim = config.scim_configuration;
  if (!isPlainObject(scim) || scim.user_id_attribute !== undefined) return config;
  return { ...config, scim_configuration: { ...scim, user_id_attribute: DEFAULT_USER_ID_ATTRIBUTE } };
}
