// Log streams. Natural key: name; the type cannot change in place (a replace). Sink
// credentials are secrets: the API mostly echoes them back, so they are compared, but
// never printed.

import type { ResourceSpec } from './kit/spec.ts';

export const logStreams: ResourceSpec = {
  kind: 'collection',
  type: 'log_streams',
  description: 'Log streams: where the tenant sends its logs (HTTP, Datadog, Splunk, EventBridge, …).',
  key: 'name',
  operations: {
    list: 'GET /log-streams',
    create: 'POST /log-streams',
    update: 'PATCH /log-streams/{id}',
    delete: 'DELETE /log-streams/{id}',
  },
  fields: {
    secret: [
      'sink.httpAuthorization',
      'sink.datadogApiKey',
      'sink.splunkToken',
      'sink.segmentWriteKey',
      'sink.mixpanelServiceAccountPassword',
      // The collector URL embeds its own access token.
      'sink.sumoSourceAddress',
    ],
    defaults: { status: 'active', filters: [], isPriority: false },
    immutable: ['type'],
  },
};
