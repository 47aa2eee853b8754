// Event streams: tenant events sent to a webhook, EventBridge or an action. The destination's
// webhook credentials are written but never read back. An action destination names its
// action; the destination type cannot change in place.

import type { ResourceSpec } from './kit/spec.ts';

export const eventStreams: ResourceSpec = {
  kind: 'collection',
  type: 'event_streams',
  description: 'Event streams: tenant events (user.created, …) sent to a webhook, EventBridge or an action.',
  key: 'name',
  operations: {
    list: 'GET /event-streams',
    create: 'POST /event-streams',
    update: 'PATCH /event-streams/{id}',
    delete: 'DELETE /event-streams/{id}',
  },
  refs: [{ path: 'destination.configuration.action_id', type: 'actions' }],
  fields: {
    writeOnly: [
      'destination.configuration.webhook_authorization.password',
      'destination.configuration.webhook_authorization.token',
      'destination.configuration.webhook_authorization.header_value',
    ],
    // Derived by the server for an EventBridge destination (recorded).
    serverOnly: ['destination.configuration.aws_partner_event_source'],
    sets: { subscriptions: ['event_type'] },
    defaults: { status: 'enabled' },
  },
};
