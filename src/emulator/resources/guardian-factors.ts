import { badRequest } from '../http/api-error.ts';
import type { Handler, RequestContext, ResourceModule } from '../engine/context.ts';
import type { Json } from '../openapi/document.ts';

/**
 * MFA factors and their providers, as the recordings (TestAccGuardian*.yaml) show them:
 * - the eight factors always exist, in this order, disabled and with `trial_expired: false` on a
 *   new tenant; they are addressed by name and only ever PUT (`{enabled}` in, `{enabled}` out);
 * - provider settings are singletons whose secrets are write-only: the Twilio `auth_token`, the
 *   SNS `aws_secret_access_key` (the PUT echoes it, reads never do), the APNs `p12` (not even
 *   echoed), the FCM server key and FCM v1 credentials (the PUT answers `{}`).
 */
export const GUARDIAN_FACTOR_NAMES = [
  'sms',
  'push-notification',
  'otp',
  'email',
  'duo',
  'webauthn-roaming',
  'webauthn-platform',
  'recovery-code',
] as const;

const FACTORS = '/guardian/factors';
const PUSH = '/guardian/factors/push-notification/providers';

/** Where a factor's state lives: one singleton per factor name. */
const factorKey = (name: string) => `${FACTORS}/${name}`;

function factor(context: RequestContext, name: string): Json {
  return {
    name,
    enabled: false,
    trial_expired: false,
    ...(context.store.singletons.get(factorKey(name)) ?? {}),
  };
}

const without = (value: Json, fields: readonly string[]): Json =>
  Object.fromEntries(Object.entries(value ?? {}).filter(([key]) => !fields.includes(key)));

interface ProviderFacts {
  /** Fields the API accepts but never returns on GET. */
  writeOnly: readonly string[];
  /** Fields a write's reply leaves out as well (the others are echoed). */
  hiddenOnWrite?: readonly string[];
  /** The write's reply is `{}` (FCM). */
  emptyWriteReply?: boolean;
  /** Computed on read: APNs reports whether a certificate is configured. */
  present?: (stored: Json) => Json;
  /** What a new tenant answers before anything was written. */
  defaults?: Json;
}

/** GET / PUT / PATCH of one provider singleton, with its write-only secrets kept out of reads. */
function providerRoutes(path: string, facts: ProviderFacts): Record<string, Handler> {
  const read = (context: RequestContext): Json => context.store.singletons.get(path) ?? facts.defaults ?? {};
  const write =
    (replace: boolean): Handler =>
    (context) => {
      const stored = replace ? { ...context.body } : { ...read(context), ...context.body };
      context.store.singletons.set(path, stored);
      context.store.changed();
      const body = facts.emptyWriteReply ? {} : without(context.body, facts.hiddenOnWrite ?? []);
      return { status: context.operation.successStatus, body };
    };
  return {
    [`get ${path}`]: (context) => {
      const stored = read(context);
      const shown = without(stored, facts.writeOnly);
      return { status: context.operation.successStatus, body: facts.present ? facts.present(stored) : shown };
    },
    [`put ${path}`]: write(true),
    [`patch ${path}`]: write(false),
  };
}

const TWILIO: ProviderFacts = { writeOnly: ['auth_token'] };

export const guardianFactors: ResourceModule = {
  collection: FACTORS,
  routes: {
    [`get ${FACTORS}`]: (context) => ({
      status: context.operation.successStatus,
      body: GUARDIAN_FACTOR_NAMES.map((name) => factor(context, name)),
    }),
    [`put ${FACTORS}/{name}`]: (context) => {
      const { name } = context.params;
      // The document's enum; the wording of this 400 is unconfirmed (no recording sends a bad name).
      if (!(GUARDIAN_FACTOR_NAMES as readonly string[]).includes(name))
        throw badRequest(
          `Path validation error: 'No enum match for: "${name}"' on property name (Factor name).`,
          'invalid_uri',
        );
      context.store.singletons.set(factorKey(name), { enabled: context.body.enabled });
      context.store.changed();
      return { status: context.operation.successStatus, body: { enabled: context.body.enabled } };
    },
    // A new tenant sends MFA text messages through Auth0's own provider and pushes through Guardian.
    ...providerRoutes(`${FACTORS}/phone/selected-provider`, {
      writeOnly: [],
      defaults: { provider: 'auth0' },
    }),
    ...providerRoutes(`${FACTORS}/sms/selected-provider`, { writeOnly: [], defaults: { provider: 'auth0' } }),
    ...providerRoutes(`${FACTORS}/push-notification/selected-provider`, {
      writeOnly: [],
      defaults: { provider: 'guardian' },
    }),
    // Phone MFA messages go out as text messages until voice is chosen (no recording shows a new tenant).
    ...providerRoutes(`${FACTORS}/phone/message-types`, {
      writeOnly: [],
      defaults: { message_types: ['sms'] },
    }),
    ...providerRoutes(`${FACTORS}/phone/providers/twilio`, TWILIO),
    ...providerRoutes(`${FACTORS}/sms/providers/twilio`, TWILIO),
    ...providerRoutes(`${PUSH}/sns`, { writeOnly: ['aws_secret_access_key'] }),
    ...providerRoutes(`${PUSH}/apns`, {
      writeOnly: ['p12'],
      hiddenOnWrite: ['p12'],
      present: (stored) => ({
        ...without(stored, ['p12']),
        enabled: typeof stored.p12 === 'string' && stored.p12 !== '',
      }),
    }),
    ...providerRoutes(`${PUSH}/fcm`, { writeOnly: ['server_key'], emptyWriteReply: true }),
    ...providerRoutes(`${PUSH}/fcmv1`, { writeOnly: ['server_credentials'], emptyWriteReply: true }),
  },
};
