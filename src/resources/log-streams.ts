// Log streams. Natural key: name; the type cannot change in place (a replace). Sink
// credentials are secrets: the API mostly echoes them back, so they are compared, but
// never printed.

import type { components } from '../api/schema.ts';
import { patchBody, withoutDefaults, withoutFields } from './config-shape.ts';
import type { LiveRecord, ResourceAdapter } from './contract.ts';

type CreateBody = components['schemas']['CreateLogStreamRequestContent'];
type UpdateBody = components['schemas']['UpdateLogStreamRequestContent'];

export const logStreamsAdapter: ResourceAdapter = {
  type: 'log_streams',
  section: 'list',
  configSchema: 'CreateLogStreamRequestContent',
  secretPaths: [
    'sink.httpAuthorization',
    'sink.datadogApiKey',
    'sink.splunkToken',
    'sink.segmentWriteKey',
    'sink.mixpanelServiceAccountPassword',
    // The collector URL embeds its own access token.
    'sink.sumoSourceAddress',
  ],
  immutableFields: ['type'],

  omitDefaults: (config) => withoutDefaults(config, { status: 'active', filters: [], isPriority: false }),
  keyOf: (config) => String(config.name),
  references: () => [],
  normaliseDesired: (config) => config,

  async list(ctx) {
    const streams = await ctx.api.unwrap(ctx.api.http.GET('/log-streams'));
    return (streams as Record<string, unknown>[]).map(recordOf);
  },

  toConfig: (record) => withoutFields(record.raw, ['id']),
  isSystem: () => false,

  async create(ctx, req) {
    const created = await ctx.api.unwrap(
      ctx.api.http.POST('/log-streams', { body: req.desired as CreateBody }),
    );
    return recordOf(created as Record<string, unknown>);
  },

  async update(ctx, req) {
    const body = withoutFields(patchBody(req.desired, req.changed, req.live), ['type']);
    await ctx.api.unwrap(
      ctx.api.http.PATCH('/log-streams/{id}', {
        params: { path: { id: req.id! } },
        body: body as UpdateBody,
      }),
    );
  },

  async delete(ctx, req) {
    await ctx.api.unwrap(ctx.api.http.DELETE('/log-streams/{id}', { params: { path: { id: req.id! } } }));
  },

  async findByKey(ctx, key) {
    return (await logStreamsAdapter.list(ctx)).find((r) => r.raw.name === key);
  },
};

function recordOf(raw: Record<string, unknown>): LiveRecord {
  return { id: String(raw.id), raw };
}
