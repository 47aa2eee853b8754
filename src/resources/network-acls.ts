// Network ACLs: rules that block, allow, log or redirect requests by IP, ASN, country, user
// agent or TLS fingerprint. Natural key: priority (the order rules are evaluated in, one rule
// per priority, as auth0-deploy-cli matches them). Written whole with PUT (recorded).

import type { ResourceSpec } from './kit/spec.ts';

export const networkAcls: ResourceSpec = {
  kind: 'collection',
  type: 'network_acls',
  description: 'Network ACLs: block, allow, log or redirect requests matching a rule, by priority.',
  key: 'priority',
  operations: {
    list: 'GET /network-acls',
    create: 'POST /network-acls',
    update: 'PUT /network-acls/{id}',
    delete: 'DELETE /network-acls/{id}',
  },
};
