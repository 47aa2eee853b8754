import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { conflict, notFound, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';
import { ORGANIZATION_NOT_FOUND } from './organizations.ts';

const NOT_FOUND = {
  message: 'The discovery domain does not exist',
  errorCode: 'inexistent_discovery_domain',
};

function domainsOf(context: RequestContext): Map<string, Json> {
  orNotFound(context.store.collection('/organizations').get(context.params.id), ORGANIZATION_NOT_FOUND);
  return context.store.collection(`/organizations/${context.params.id}/discovery-domains`);
}

/**
 * An organization's discovery domains, as TestAccOrgDiscoveryDomains*.yaml show them: `ord_`
 * ids, `pending` until verified, the DNS record to verify them by (a TXT value under
 * `_ss-verification.<organization>.<domain>`), used for discovery unless told otherwise; one
 * entry per domain; found by domain at …/name/{discovery_domain}.
 */
export const organizationDiscoveryDomains: ResourceModule = {
  collection: '/organizations/{id}/discovery-domains',
  newId: ({ ids }) => `ord_${ids.alphanumeric(22)}`,
  create: (context, body, id) => {
    const domain = String(body.domain).toLowerCase();
    for (const existing of domainsOf(context).values())
      if (existing.domain === domain)
        throw conflict('The domain already exists for this organization', 'conflict');
    return {
      id,
      domain,
      status: body.status ?? 'pending',
      verification_host: `_ss-verification.${context.params.id}.${domain}`,
      verification_txt: context.ids.hex(32),
      use_for_organization_discovery: body.use_for_organization_discovery ?? true,
    };
  },
  notFound: NOT_FOUND,
  routes: {
    'get /organizations/{id}/discovery-domains/name/{discovery_domain}': (context) => {
      const wanted = context.params.discovery_domain.toLowerCase();
      const found = [...domainsOf(context).values()].find((d) => d.domain === wanted);
      if (!found) throw notFound(NOT_FOUND.message, NOT_FOUND.errorCode);
      return { status: context.operation.successStatus, body: found };
    },
  },
};
