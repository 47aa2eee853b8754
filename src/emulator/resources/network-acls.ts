import type { ResourceModule, RequestContext } from '../engine/context.ts';
import { badRequest, notFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

/** Auth0's curated lists a rule may match (TestAccNetworkACLAuth0ManagedAPIRejections.yaml). */
const CURATED_LISTS = ['auth0.low_reputation', 'auth0.icloud_relay_proxy'];

/** The refusals recorded for rules the API does not take. */
function checkRule(rule: Json): void {
  if (rule?.action?.redirect === true && !rule.action.redirect_uri)
    throw badRequest(
      'Payload validation error: Action type of `redirect` requires a `redirect_uri`',
      'invalid_body',
    );
  for (const side of ['match', 'not_match']) {
    const curated = rule?.[side]?.auth0_managed;
    if (!Array.isArray(curated)) continue;
    const unknown = curated.filter((name) => !CURATED_LISTS.includes(name));
    if (unknown.length)
      throw badRequest(
        `Invalid curated list name(s): ${unknown.join(', ')}. Allowed curated list names are: ${CURATED_LISTS.join(', ')}`,
        'invalid_body',
      );
  }
}

const ACLS = '/network-acls';

/**
 * Network ACLs (TestAccNetworkACL*.yaml): ids are `acl_` and 22 alphanumerics, the server
 * stamps created_at and updated_at, a PUT replaces the whole rule, and a redirect without a
 * URI or an unknown curated list is refused.
 */
export const networkAcls: ResourceModule = {
  collection: '/network-acls',
  newId: ({ ids }: RequestContext) => `acl_${ids.alphanumeric(22)}`,
  create: ({ now }, body, id) => {
    checkRule(body.rule);
    const stamp = now().toISOString();
    return { ...body, created_at: stamp, updated_at: stamp, id };
  },
  update: ({ now }, existing, body) => {
    if (body.rule) checkRule(body.rule);
    return { ...existing, ...body, updated_at: now().toISOString() };
  },
  routes: {
    [`put ${ACLS}/{id}`]: (context) => {
      const acls = context.store.collection(ACLS);
      const existing = acls.get(context.params.id);
      // The wording of this 404 is unconfirmed (no recording writes an absent ACL).
      if (!existing) throw notFound('The network acl does not exist.', 'inexistent_network_acl');
      checkRule(context.body.rule);
      const { id, created_at } = existing;
      const replaced = { ...context.body, created_at, updated_at: context.now().toISOString(), id };
      acls.set(id, replaced);
      context.store.changed();
      return { status: context.operation.successStatus, body: replaced };
    },
  },
};
