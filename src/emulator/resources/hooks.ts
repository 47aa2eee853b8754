import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

const HOOKS = '/hooks';
const NOT_FOUND = { message: 'The hook does not exist.', errorCode: 'inexistent_hook' };
/** What the real API reads back in place of a hook secret's value (recorded, TestAccHookSecrets). */
const HIDDEN = '_VALUE_NOT_SHOWN_';

function secretsPath(context: RequestContext): string {
  orNotFound(context.store.collection(HOOKS).get(context.params.id), NOT_FOUND);
  return `${HOOKS}/${context.params.id}/secrets`;
}

/** A hook's secrets, kept beside it: name → value (stored objects are frozen: read-only). */
function secretsOf(context: RequestContext): Json {
  return context.store.singletons.get(secretsPath(context)) ?? {};
}

function write(context: RequestContext): { status: number; body: Json } {
  context.store.singletons.set(secretsPath(context), { ...secretsOf(context), ...(context.body ?? {}) });
  context.store.changed();
  return { status: context.operation.successStatus, body: {} };
}

/** Hooks (legacy): secrets are write-only, and every hook has a (possibly empty) set of them. */
export const hooks: ResourceModule = {
  collection: HOOKS,
  notFound: NOT_FOUND,
  routes: {
    'get /hooks/{id}/secrets': (context) => ({
      status: context.operation.successStatus,
      body: Object.fromEntries(Object.keys(secretsOf(context)).map((name) => [name, HIDDEN])),
    }),
    'post /hooks/{id}/secrets': write,
    'patch /hooks/{id}/secrets': write,
    // The body is the list of names to remove.
    'delete /hooks/{id}/secrets': (context) => {
      const secrets = { ...secretsOf(context) };
      for (const name of Array.isArray(context.body) ? context.body : []) delete secrets[String(name)];
      context.store.singletons.set(secretsPath(context), secrets);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
  },
};
