import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

const HOOKS = '/hooks';
const NOT_FOUND = { message: 'The hook does not exist.', errorCode: 'inexistent_hook' };
/** What the real API reads back in place of a hook secret's value (recorded, TestAccHookSecrets). */
const HIDDEN = '_VALUE_NOT_SHOWN_';

/** A hook's secrets, kept beside it: name → value. */
function secretsOf(context: RequestContext): Json {
  orNotFound(context.store.collection(HOOKS).get(context.params.id), NOT_FOUND);
  const path = `${HOOKS}/${context.params.id}/secrets`;
  let secrets = context.store.singletons.get(path);
  if (!secrets) {
    secrets = {};
    context.store.singletons.set(path, secrets);
  }
  return secrets;
}

/** Stored objects are frozen: every change stores a new one. */
function storeSecrets(context: RequestContext, secrets: Json): void {
  context.store.singletons.set(`${HOOKS}/${context.params.id}/secrets`, secrets);
  context.store.changed();
}

function write(context: RequestContext): { status: number; body: Json } {
  storeSecrets(context, { ...secretsOf(context), ...(context.body ?? {}) });
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
      storeSecrets(context, secrets);
      return { status: context.operation.successStatus };
    },
  },
};
