import type { ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import { orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { CONNECTION_NOT_FOUND } from './connections.ts';

const GROUPS = '/connections/{id}/directory-provisioning/synchronized-groups';

/**
 * The `q` search of synchronized groups: a prefix on `name` or `email` with one trailing `*`,
 * case-insensitive (the SDK's description); a group without that field does not match. Adding,
 * replacing and removing groups is the generic engine's list membership.
 */
function matchesQuery(group: Json, q: string): boolean {
  const match = /^(name|email):([^*]*)\*?$/.exec(q.trim());
  if (!match) return true;
  const value = group[match[1]];
  return typeof value === 'string' && value.toLowerCase().startsWith(match[2].toLowerCase());
}

export const synchronizedGroupsSearch: ResourceModule = {
  collection: `${GROUPS}/search`,
  routes: {
    [`get ${GROUPS}`]: (context) => {
      orNotFound(context.store.collection('/connections').get(context.params.id), CONNECTION_NOT_FOUND);
      const groups = [...context.store.collection(context.path).values()];
      const q = typeof context.query.q === 'string' ? context.query.q : undefined;
      const found = q === undefined ? groups : groups.filter((group) => matchesQuery(group, q));
      // Always the {groups, next?} envelope, as the document says: with no take, the first 50.
      return listReply(context, found, { key: 'groups', checkpoint: true }, { take: 50, ...context.query });
    },
  },
};
