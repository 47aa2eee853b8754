import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { badRequest } from '../http/api-error.ts';

/**
 * CIMD clients: the real API fetches the Client ID Metadata Document at `external_client_id` and
 * maps it to a client. The emulator has no network, so it answers as the API does for a document
 * it cannot retrieve: preview lists the retrieval error (the SDK: "When present, validation is
 * omitted"), register refuses. No recording shows either; the wording is the emulator's.
 */
const retrievalError = (context: RequestContext) =>
  `Unable to retrieve the Client ID Metadata Document at ${String(context.body.external_client_id)}: the emulator does not fetch remote documents`;

export const clientsCimd: ResourceModule = {
  collection: '/clients/cimd',
  routes: {
    'post /clients/cimd/preview': (context) => {
      const existing = context.store.findBy(
        '/clients',
        'external_client_id',
        context.body.external_client_id,
      );
      return {
        status: context.operation.successStatus,
        body: { ...(existing ? { client_id: existing.client_id } : {}), errors: [retrievalError(context)] },
      };
    },
    'post /clients/cimd/register': (context) => {
      throw badRequest(retrievalError(context), 'invalid_client_metadata');
    },
  },
};
