import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { badRequest } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

/**
 * Event streams, as TestAccEventStream*.yaml shows them: `est_` + 22-character ids, `enabled`
 * unless created disabled, server timestamps, an EventBridge partner event source derived by the
 * server, and webhook authorization secrets (password, token, header_value) that are written but
 * never returned.
 */
const WEBHOOK_SECRETS = ['password', 'token', 'header_value'];

function withDerivedFields(context: RequestContext, destination: Json): Json {
  if (destination?.type !== 'eventbridge') return destination;
  const tenant = context.domain.replace(/[^A-Za-z0-9]+/g, '-');
  const source =
    destination.configuration?.aws_partner_event_source ??
    `aws.partner/auth0.com/${tenant}-${context.ids.uuid()}/auth0.events`;
  return {
    ...destination,
    configuration: { ...destination.configuration, aws_partner_event_source: source },
  };
}

export const eventStreams: ResourceModule = {
  collection: '/event-streams',
  newId: ({ ids }) => `est_${ids.alphanumeric(22)}`,
  create: (context, body, id) => {
    const stamp = context.now().toISOString();
    return {
      id,
      status: 'enabled',
      ...body,
      destination: withDerivedFields(context, body.destination),
      created_at: stamp,
      updated_at: stamp,
    };
  },
  update: (context, existing, body) => {
    if (body.destination && body.destination.type !== existing.destination?.type)
      throw badRequest('The destination type of an event stream cannot be changed', 'invalid_body');
    const destination = body.destination
      ? withDerivedFields(context, {
          ...body.destination,
          configuration: { ...existing.destination.configuration, ...body.destination.configuration },
        })
      : existing.destination;
    return { ...existing, ...body, destination, updated_at: context.now().toISOString() };
  },
  present: (_context, stored) => {
    const authorization = stored.destination?.configuration?.webhook_authorization;
    if (!authorization) return stored;
    const shown = Object.fromEntries(
      Object.entries(authorization).filter(([key]) => !WEBHOOK_SECRETS.includes(key)),
    );
    return {
      ...stored,
      destination: {
        ...stored.destination,
        configuration: { ...stored.destination.configuration, webhook_authorization: shown },
      },
    };
  },
  notFound: { message: 'Event stream not found', errorCode: 'inexistent_event_stream' },
};
