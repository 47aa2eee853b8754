// A Google Workspace connection's directory provisioning (user and group sync), kept by the
// API at /connections/{id}/directory-provisioning (recorded, TestAccDirectoryProvisioning:
// created by POST, changed by PATCH, 404 until created). In config it is the connection's
// `directory_provisioning`; config that leaves it out does not manage it. Read only for the
// strategy that can have one.

import { canonicalJson, type ConfigObject } from '../core/json.ts';
import { attachedObject } from './attached-object.ts';

/** Strategies the API keeps a directory provisioning for (the recordings: Google Workspace). */
const DIRECTORY_STRATEGIES = new Set(['google-apps']);
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

export const directoryProvisioning = attachedObject({
  type: 'connections',
  field: 'directory_provisioning',
  read: 'GET /connections/{id}/directory-provisioning',
  create: 'POST /connections/{id}/directory-provisioning',
  update: 'PATCH /connections/{id}/directory-provisioning',
  appliesTo: (raw) => DIRECTORY_STRATEGIES.has(String(raw.strategy)),
  reported: true,
  toConfig: settingsOf,
  createBody: settingsOf,
  // Only what config names and the tenant has otherwise; the rest stays as it is.
  updateBody: (wanted, current) => {
    const changed = Object.fromEntries(
      Object.entries(settingsOf(wanted)).filter(
        ([k, v]) => canonicalJson(v) !== canonicalJson(current[k] ?? null),
      ),
    );
    return Object.keys(changed).length > 0 ? changed : undefined;
  },
});

/** The settings config holds (not the server's connection name, strategy or sync status). */
function settingsOf(source: ConfigObject): ConfigObject {
  const out: ConfigObject = {};
  for (const field of FIELDS) if (source[field] !== undefined) out[field] = source[field];
  return out;
}
