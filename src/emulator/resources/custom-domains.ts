import { badRequest, orNotFound } from '../http/api-error.ts';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';
import { conflict } from '../http/api-error.ts';
import { tenantNameOf } from './clients.ts';

const CUSTOM_DOMAINS = '/custom-domains';
const NOT_FOUND = { message: 'The custom domain does not exist.', errorCode: 'inexistent_custom_domain' };

/** The CNAME target the real API asks for: `<tenant>-cd-<id>.edge.tenants.<region>.auth0.com`. */
function cnameOf(context: RequestContext, id: string): string {
  return `${tenantNameOf(context.domain)}-cd-${id.replace(/^cd_/, '')}.edge.tenants.auth0.com`;
}

/**
 * Custom domains (recorded, TestAccCustomDomain*): `cd_` ids, pending verification until
 * `POST …/verify`, the first one primary, self-managed ones without a TLS policy.
 */
export const customDomains: ResourceModule = {
  collection: CUSTOM_DOMAINS,
  idField: 'custom_domain_id',
  newId: ({ ids }) => ids.prefixed('cd'),
  create: (context, body, id) => {
    if (context.store.findBy(CUSTOM_DOMAINS, 'domain', body.domain))
      throw conflict('The custom domain already exists', 'custom_domain_conflict');
    const managed = body.type !== 'self_managed_certs';
    return {
      custom_domain_id: id,
      domain: body.domain,
      primary: context.store.collection(CUSTOM_DOMAINS).size === 0,
      status: 'pending_verification',
      type: body.type,
      verification: { methods: [{ name: 'cname', record: cnameOf(context, id) }] },
      ...(managed ? { tls_policy: 'recommended' } : {}),
      ...body,
    };
  },
  notFound: NOT_FOUND,
  routes: {
    // The default domain (recorded, TestAccCustomDomainDefault): chosen by name, only once
    // verified; it alone reads back `is_default: true`.
    'get /custom-domains/default': (context) => {
      const found = [...context.store.collection(CUSTOM_DOMAINS).values()].find((d) => d.is_default === true);
      return { status: context.operation.successStatus, body: orNotFound(found, NOT_FOUND) };
    },
    'patch /custom-domains/default': (context) => {
      const items = context.store.collection(CUSTOM_DOMAINS);
      const chosen: Json = orNotFound(
        context.store.findBy(CUSTOM_DOMAINS, 'domain', context.body?.domain),
        NOT_FOUND,
      );
      if (chosen.status !== 'ready')
        throw badRequest('The domain must be verified before it can be set as default.', 'invalid_body');
      for (const [id, domain] of items) {
        if (domain.is_default === true && id !== chosen.custom_domain_id)
          items.set(id, { ...domain, is_default: false });
      }
      const updated = { ...chosen, is_default: true };
      items.set(chosen.custom_domain_id, updated);
      context.store.changed();
      return { status: context.operation.successStatus, body: updated };
    },
    'post /custom-domains/{id}/verify': (context) => {
      const items = context.store.collection(CUSTOM_DOMAINS);
      const existing: Json = orNotFound(items.get(context.params.id), NOT_FOUND);
      const verified = {
        ...existing,
        status: 'ready',
        origin_domain_name: cnameOf(context, existing.custom_domain_id),
      };
      items.set(existing.custom_domain_id, verified);
      context.store.changed();
      return { status: context.operation.successStatus, body: verified };
    },
  },
};
