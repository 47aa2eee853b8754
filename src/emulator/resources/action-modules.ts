import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { conflict, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

const MODULES = '/actions/modules';
const NOT_FOUND = { message: 'The action module does not exist.', errorCode: 'inexistent_action_module' };
const versionsPath = (id: string) => `${MODULES}/${id}/versions`;

/** A published version: a copy of the module's code, dependencies and secret names. */
function publish(context: RequestContext, module: Json): Json {
  const versions = context.store.collection(versionsPath(module.id));
  const version = {
    id: context.ids.uuid(),
    module_id: module.id,
    version_number: versions.size + 1,
    code: module.code,
    secrets: secretNames(module),
    dependencies: module.dependencies ?? [],
    created_at: context.now().toISOString(),
  };
  versions.set(version.id, version);
  context.store.collection(MODULES).set(module.id, {
    ...module,
    all_changes_published: true,
    latest_version_number: version.version_number,
  });
  context.store.changed();
  return version;
}

/** Secrets are write-only: reads give their names. */
function secretNames(module: Json): Json[] {
  return (module.secrets ?? []).map((s: Json) => ({ name: s.name, updated_at: module.updated_at }));
}

/**
 * Action modules (recorded, TestAccActionModule*): uuid ids, unpublished until
 * `POST …/versions` makes a numbered version of the current code; any change unpublishes.
 */
export const actionModules: ResourceModule = {
  collection: MODULES,
  newId: ({ ids }) => ids.uuid(),
  create: (context, body, id) => {
    if (context.store.findBy(MODULES, 'name', body.name))
      throw conflict('An action module with this name already exists.', 'conflict');
    const now = context.now().toISOString();
    const { publish: _publish, ...fields } = body;
    return {
      id,
      dependencies: [],
      secrets: [],
      ...fields,
      all_changes_published: false,
      actions_using_module_total: 0,
      created_at: now,
      updated_at: now,
    };
  },
  update: (context, existing, body) => ({
    ...existing,
    ...body,
    all_changes_published: false,
    updated_at: context.now().toISOString(),
  }),
  present: (_context, stored) => ({ ...stored, secrets: secretNames(stored) }),
  notFound: NOT_FOUND,
  routes: {
    'post /actions/modules/{id}/versions': (context) => {
      const module: Json = orNotFound(context.store.collection(MODULES).get(context.params.id), NOT_FOUND);
      return { status: context.operation.successStatus, body: publish(context, module) };
    },
    'get /actions/modules/{id}/versions': (context) => {
      orNotFound(context.store.collection(MODULES).get(context.params.id), NOT_FOUND);
      const all = [...context.store.collection(versionsPath(context.params.id)).values()].reverse();
      const page = Number(context.query.page ?? 0);
      const perPage = Number(context.query.per_page ?? 50);
      const versions = all.slice(page * perPage, (page + 1) * perPage);
      return {
        status: context.operation.successStatus,
        body: { versions, total: versions.length, page, per_page: perPage },
      };
    },
  },
};
