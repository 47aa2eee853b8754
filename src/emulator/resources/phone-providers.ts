import type { ResourceModule } from '../engine/context.ts';
import { tenantNameOf } from './clients.ts';

/** Phone (SMS) providers: credentials are write-only (recorded, TestAccCheckPhoneProvider). */
export const phoneProviders: ResourceModule = {
  collection: '/branding/phone/providers',
  newId: ({ ids }) => `pro_${ids.alphanumeric(22)}`,
  create: (context, body, id) => {
    const now = context.now().toISOString();
    return {
      id,
      tenant: tenantNameOf(context.domain),
      channel: 'phone',
      ...body,
      created_at: now,
      updated_at: now,
    };
  },
  update: (context, existing, body) => ({ ...existing, ...body, updated_at: context.now().toISOString() }),
  present: (_context, stored) => {
    const { credentials: _credentials, ...readable } = stored;
    return readable;
  },
  notFound: { message: 'Phone provider not found', errorCode: 'inexistent_phone_provider' },
};
