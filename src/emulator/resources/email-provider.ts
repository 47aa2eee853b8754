import type { ResourceModule } from '../engine/context.ts';
import { conflict } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

/**
 * The credential fields the real API reads back; every other one (keys, secrets, passwords,
 * connection strings, even Azure's client and tenant ids) is write-only (recorded, TestAccEmail).
 */
const READABLE_CREDENTIALS = new Set(['region', 'domain', 'smtp_host', 'smtp_port', 'smtp_user']);

/** The email provider: created once, absent (404) on a new tenant. */
export const emailProvider: ResourceModule = {
  collection: '/emails/provider',
  conflict: conflict('An email provider is already configured', 'email_provider_conflict'),
  // Credentials are replaced whole by a PATCH that sends them; other settings merge.
  update: (_context, existing, body) => ({ ...existing, ...body }),
  present: (_context, stored) =>
    stored.credentials === undefined
      ? stored
      : {
          ...stored,
          credentials: Object.fromEntries(
            Object.entries<Json>(stored.credentials).filter(([key]) => READABLE_CREDENTIALS.has(key)),
          ),
        },
  // Deleting what is not there is a 204 (recorded).
  deleteMissing: 'ok',
  notFound: { message: 'There is not a configured email provider', errorCode: 'inexistent_email_provider' },
};
