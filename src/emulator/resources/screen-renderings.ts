import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { collectionListing } from '../engine/listing.ts';
import { listStyleOf, paginate } from '../engine/pagination.ts';
import type { Json } from '../openapi/document.ts';
import { tenantNameOf } from './clients.ts';

/**
 * Screen renderings of Advanced Customizations (recorded, TestAccDataPromptScreenRender): one
 * per prompt and screen, standard until PATCHed. A PATCH answers with what it was sent; a read
 * adds the tenant, prompt and screen and `default_head_tags_disabled: false`; the tenant's
 * whole list is `GET /prompts/rendering`.
 */
const RENDERINGS = '/prompts/rendering';
const keyOf = (context: RequestContext) => `${context.params.prompt}/${context.params.screen}`;

function stored(context: RequestContext): Json {
  return (
    context.store.collection(RENDERINGS).get(keyOf(context)) ?? {
      tenant: tenantNameOf(context.domain),
      prompt: context.params.prompt,
      screen: context.params.screen,
      rendering_mode: 'standard',
    }
  );
}

export const screenRenderings: ResourceModule = {
  collection: RENDERINGS,
  routes: {
    'get /prompts/{prompt}/screen/{screen}/rendering': (context) => ({
      status: context.operation.successStatus,
      body: stored(context),
    }),
    'patch /prompts/{prompt}/screen/{screen}/rendering': (context) => {
      const body = context.body ?? {};
      const current = stored(context);
      const updated: Json =
        body.rendering_mode === 'standard' && Object.keys(body).length === 1
          ? {
              tenant: current.tenant,
              prompt: current.prompt,
              screen: current.screen,
              rendering_mode: 'standard',
            }
          : { default_head_tags_disabled: false, ...current, ...body };
      context.store.collection(RENDERINGS).set(keyOf(context), updated);
      context.store.changed();
      return { status: context.operation.successStatus, body };
    },
    'get /prompts/rendering': (context) => {
      const items = context.store.collection(RENDERINGS);
      const listing = collectionListing(context, undefined, items, (s) => s);
      return {
        status: context.operation.successStatus,
        body: paginate(listStyleOf(context.document, context.operation), context.query, listing),
      };
    },
  },
};
