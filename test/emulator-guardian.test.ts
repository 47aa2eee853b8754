import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// The MFA factor operations of the API document (schemas/overlay/guardian-factors.yaml), served
// over HTTP with the quirks the recordings show (TestAccGuardian*.yaml).
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('guardian factors', () => {
  it('lists all eight factors, disabled, on a new tenant', async () => {
    const list = await api.call('GET', '/guardian/factors');
    expect(list.status).toBe(200);
    expect(list.body).toEqual(
      [
        'sms',
        'push-notification',
        'otp',
        'email',
        'duo',
        'webauthn-roaming',
        'webauthn-platform',
        'recovery-code',
      ].map((name) => ({ name, enabled: false, trial_expired: false })),
    );
  });

  it('enables a factor by name with PUT, answers {enabled}, and lists it enabled', async () => {
    const put = await api.call('PUT', '/guardian/factors/otp', { enabled: true });
    expect(put).toMatchObject({ status: 200, body: { enabled: true } });
    const list = await api.call('GET', '/guardian/factors');
    expect(list.body.find((f: { name: string }) => f.name === 'otp').enabled).toBe(true);
    expect(list.body).toHaveLength(8);
    await api.call('PUT', '/guardian/factors/otp', { enabled: false });
  });

  it('refuses an unknown factor name and a body without enabled', async () => {
    expect((await api.call('PUT', '/guardian/factors/carrier-pigeon', { enabled: true })).status).toBe(400);
    expect((await api.call('PUT', '/guardian/factors/sms', {})).status).toBe(400);
  });
});

describe('guardian providers keep their secrets write-only', () => {
  it('Twilio: auth_token is accepted, echoed on PUT, never read back', async () => {
    const body = { from: '+15555550100', sid: 'AC123', auth_token: 'twilio-secret' };
    const put = await api.call('PUT', '/guardian/factors/phone/providers/twilio', body);
    expect(put.status).toBe(200);
    const get = await api.call('GET', '/guardian/factors/phone/providers/twilio');
    expect(get.body).toEqual({ from: '+15555550100', sid: 'AC123' });
  });

  it('SNS: the PUT echoes the secret key, GET leaves it out', async () => {
    const body = {
      aws_access_key_id: 'test1',
      aws_secret_access_key: 'secretKey',
      aws_region: 'us-west-1',
      sns_apns_platform_application_arn: 'test_arn',
      sns_gcm_platform_application_arn: 'test_arn',
    };
    const put = await api.call('PUT', '/guardian/factors/push-notification/providers/sns', body);
    expect(put.body).toEqual(body);
    const get = await api.call('GET', '/guardian/factors/push-notification/providers/sns');
    const { aws_secret_access_key: _secret, ...readable } = body;
    expect(get.body).toEqual(readable);
  });

  it('APNs: p12 is never returned; GET says the provider is enabled once configured', async () => {
    const put = await api.call('PUT', '/guardian/factors/push-notification/providers/apns', {
      sandbox: false,
      bundle_id: 'com.my.app',
      p12: 'MIIPWQIBAzCCDx8G',
    });
    expect(put.body).toEqual({ sandbox: false, bundle_id: 'com.my.app' });
    const get = await api.call('GET', '/guardian/factors/push-notification/providers/apns');
    expect(get.body).toEqual({ sandbox: false, bundle_id: 'com.my.app', enabled: true });
  });

  it('FCM: the PUT answers {}', async () => {
    const put = await api.call('PUT', '/guardian/factors/push-notification/providers/fcm', {
      server_key: 'abc123',
    });
    expect(put).toMatchObject({ status: 200, body: {} });
  });

  it('PATCH of a provider merges into what PUT set', async () => {
    await api.call('PATCH', '/guardian/factors/push-notification/providers/sns', { aws_region: 'eu-west-1' });
    const get = await api.call('GET', '/guardian/factors/push-notification/providers/sns');
    expect(get.body).toMatchObject({ aws_access_key_id: 'test1', aws_region: 'eu-west-1' });
  });
});

describe('guardian singletons', () => {
  it('MFA policies are a bare list, none on a new tenant, written whole with PUT', async () => {
    const fresh = await startWithCaller();
    try {
      expect((await fresh.call('GET', '/guardian/policies')).body).toEqual([]);
      expect((await fresh.call('PUT', '/guardian/policies', ['all-applications'])).body).toEqual([
        'all-applications',
      ]);
      expect((await fresh.call('GET', '/guardian/policies')).body).toEqual(['all-applications']);
      expect((await fresh.call('PUT', '/guardian/policies', [])).body).toEqual([]);
      expect((await fresh.call('GET', '/guardian/policies')).body).toEqual([]);
    } finally {
      await fresh.emulator.close();
    }
  });

  it('selected providers start at auth0 / guardian and follow PUT', async () => {
    expect((await api.call('GET', '/guardian/factors/phone/selected-provider')).body).toEqual({
      provider: 'auth0',
    });
    expect((await api.call('GET', '/guardian/factors/push-notification/selected-provider')).body).toEqual({
      provider: 'guardian',
    });
    await api.call('PUT', '/guardian/factors/push-notification/selected-provider', { provider: 'sns' });
    expect((await api.call('GET', '/guardian/factors/push-notification/selected-provider')).body).toEqual({
      provider: 'sns',
    });
  });

  it('message types, templates, DUO settings and webauthn settings read back what PUT wrote', async () => {
    const writes: [string, unknown][] = [
      ['/guardian/factors/phone/message-types', { message_types: ['sms', 'voice'] }],
      [
        '/guardian/factors/phone/templates',
        { enrollment_message: 'enroll {{code}}', verification_message: 'verify {{code}}' },
      ],
      ['/guardian/factors/duo/settings', { host: 'api-hostname', ikey: 'someKey', skey: 'someSecret' }],
      ['/guardian/factors/webauthn-platform/settings', { overrideRelyingParty: false }],
    ];
    for (const [path, body] of writes) {
      expect((await api.call('PUT', path, body)).status).toBe(200);
      expect((await api.call('GET', path)).body).toEqual(body);
    }
    expect(
      (await api.call('PUT', '/guardian/factors/phone/message-types', { message_types: ['fax'] })).status,
    ).toBe(400);
  });

  it('phone templates have the default messages on a new tenant', async () => {
    const fresh = await startWithCaller();
    try {
      const templates = await fresh.call('GET', '/guardian/factors/sms/templates');
      expect(templates.body.enrollment_message).toContain('{{code}}');
      expect(templates.body.verification_message).toContain('{{code}}');
    } finally {
      await fresh.emulator.close();
    }
  });

  it('the custom push app settings are read and patched at /prompts/mfa-push', async () => {
    const app = {
      app_name: 'CustomApp',
      apple_app_link: 'https://itunes.apple.com/us/app/my-app/id123121',
      google_app_link: 'https://play.google.com/store/apps/details?id=com.my.app',
    };
    expect((await api.call('PATCH', '/prompts/mfa-push', app)).status).toBe(200);
    expect((await api.call('GET', '/prompts/mfa-push')).body).toEqual(app);
  });
});
