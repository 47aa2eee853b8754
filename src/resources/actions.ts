// Actions: code, runtime, dependencies and secrets. Natural key: name. Every create or
// update is followed by a deploy once the draft is built, because a trigger can only bind
// deployed code; `deployed: false` in live config makes a half-finished earlier run show up
// as a change, so the next apply finishes it.

import { IDEMPOTENT_HEADER } from '../api/retry.ts';
import type { ConfigObject, Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';
import type { ResourceSpec } from './kit/spec.ts';

/** How long a draft may take to build before apply gives up on it. */
const BUILD_TIMEOUT_MS = 120_000;

export const actions: ResourceSpec = {
  kind: 'collection',
  type: 'actions',
  description:
    'Actions: code run by triggers (post-login, credentials-exchange, …), with dependencies and secrets.',
  key: 'name',
  // A trigger may bind only actions that declare it.
  members: 'supported_triggers.*.id',
  operations: {
    list: 'GET /actions/actions',
    create: 'POST /actions/actions',
    update: 'PATCH /actions/actions/{id}',
    delete: 'DELETE /actions/actions/{id}',
  },
  fields: {
    // Reads give secret names only.
    writeOnly: ['secrets.*.value'],
    // `deploy` asks the create to deploy at once: a request flag, not a setting.
    serverOnly: ['deploy'],
    sets: { supported_triggers: ['id'], dependencies: ['name'], secrets: ['name'], modules: ['module_name'] },
    files: { code: '.js' },
    defaults: { dependencies: [], secrets: [] },
    convergence: { deployed: true },
  },
  // Modules by name; the version by its number.
  refs: [{ path: 'modules.*.module_name', api: 'modules.*.module_id', type: 'action_modules' }],
  // Marketplace integrations are installed, not written: they are not ours to manage.
  isSystem: (raw) => Boolean(raw.installed_integration_id || raw.integration),
  hooks: {
    fromApi(raw) {
      const config = codeFromApi(raw);
      // The module and version used, as config names them (the name comes from the id).
      if (Array.isArray(raw.modules)) {
        config.modules = raw.modules.map((m) => {
          const { module_id, module_version_number } = m as ConfigObject;
          return { module_id, module_version_number } as Json;
        });
      }
      config.deployed = raw.all_changes_deployed !== false && raw.deployed_version !== undefined;
      return config;
    },
    afterWrite: (ctx, record) => deployWhenBuilt(ctx, record.id),
  },
};

/** Code with dependencies and secrets (an action, an action module) as config holds it. */
export function codeFromApi(raw: Record<string, unknown>): ConfigObject {
  const config = structuredClone(raw) as ConfigObject;
  // Reads give secret names only: the values are write-only.
  if (Array.isArray(raw.secrets))
    config.secrets = raw.secrets.map((s) => ({ name: String((s as ConfigObject).name) }));
  if (Array.isArray(raw.dependencies)) {
    config.dependencies = raw.dependencies.map((d) => {
      const { name, version } = d as ConfigObject;
      return { name, ...(version !== undefined && { version }) } as Json;
    });
  }
  return config;
}

async function deployWhenBuilt(ctx: AdapterContext, id: string): Promise<void> {
  const started = Date.now();
  // A build takes a moment: polling at once would only spend rate limit on 'pending'.
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    const action = await ctx.api.unwrap(
      ctx.api.http.GET('/actions/actions/{id}', { params: { path: { id } } }),
    );
    if (action.status === 'built') break;
    if (action.status === 'failed')
      throw new Error(`the action's build failed; check its code and dependencies`);
    if (Date.now() - started > BUILD_TIMEOUT_MS) {
      throw new Error(`the action was still '${action.status}' after ${BUILD_TIMEOUT_MS / 1000} s`);
    }
  }
  // Deploying a built draft again deploys the same code: repeating it after a fault cannot
  // change what runs, so it is retried like a PUT.
  await ctx.api.unwrap(
    ctx.api.http.POST('/actions/actions/{id}/deploy', {
      params: { path: { id } },
      headers: { [IDEMPOTENT_HEADER]: '1' },
    }),
  );
}
