import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEmulatorArgs } from '../src/emulator/command.ts';
import { startEmulator } from '../src/emulator/index.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Risk assessments, rate limit policies (schemas/overlay/risk-assessments.yaml,
// rate-limit-policies.yaml) and the features a tenant can lack, over HTTP.
let api: Caller;
let without: Caller;
beforeAll(async () => {
  api = await startWithCaller();
  without = await startWithCaller({ withoutFeatures: ['bot_detection', 'rate_limit_policies'] });
});
afterAll(async () => {
  await api.emulator.close();
  await without.emulator.close();
});

describe('risk assessments', () => {
  it('are off on a new tenant and follow PATCH', async () => {
    expect((await api.call('GET', '/risk-assessments/settings')).body).toEqual({ enabled: false });
    expect((await api.call('PATCH', '/risk-assessments/settings', { enabled: true })).body).toEqual({
      enabled: true,
    });
    expect((await api.call('GET', '/risk-assessments/settings')).body).toEqual({ enabled: true });
  });

  it('remember new devices for 1 to 365 days', async () => {
    const set = await api.call('PATCH', '/risk-assessments/settings/new-device', { remember_for: 30 });
    expect(set).toMatchObject({ status: 200, body: { remember_for: 30 } });
    expect((await api.call('GET', '/risk-assessments/settings/new-device')).body).toEqual({
      remember_for: 30,
    });
    expect(
      (await api.call('PATCH', '/risk-assessments/settings/new-device', { remember_for: 0 })).status,
    ).toBe(400);
  });
});

describe('rate limit policies', () => {
  const body = {
    resource: 'oauth_authentication_api',
    consumer: 'client',
    consumer_selector: 'default',
    configuration: { action: 'block', limit: 100 },
  };

  it('create (rlp_ id, timestamps), read, list, patch the configuration, delete', async () => {
    const created = await api.call('POST', '/rate-limit-policies', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject(body);
    expect(created.body.id).toMatch(/^rlp_[A-Za-z0-9]{21}$/);
    expect(created.body.created_at).toBe(created.body.updated_at);
    const id = created.body.id;

    expect((await api.call('GET', `/rate-limit-policies/${id}`)).body).toEqual(created.body);
    const list = await api.call('GET', '/rate-limit-policies?resource=oauth_authentication_api&take=50');
    expect(list.body).toEqual({ rate_limit_policies: [created.body] });

    const configuration = {
      action: 'redirect',
      limit: 500,
      redirect_uri: 'https://example.com/rate-limited',
    };
    const patched = await api.call('PATCH', `/rate-limit-policies/${id}`, { configuration });
    expect(patched.body).toMatchObject({ ...body, configuration, created_at: created.body.created_at });

    expect((await api.call('DELETE', `/rate-limit-policies/${id}`)).status).toBe(204);
    expect((await api.call('GET', `/rate-limit-policies/${id}`)).status).toBe(404);
  });

  it('refuses a second policy for the same consumer, a redirect without uri, and changing the resource', async () => {
    const first = await api.call('POST', '/rate-limit-policies', body);
    expect((await api.call('POST', '/rate-limit-policies', body)).status).toBe(409);
    const redirect = {
      ...body,
      consumer_selector: 'third_party_clients',
      configuration: { action: 'redirect', limit: 5 },
    };
    expect((await api.call('POST', '/rate-limit-policies', redirect)).status).toBe(400);
    expect(
      (
        await api.call('PATCH', `/rate-limit-policies/${first.body.id}`, {
          resource: 'oauth_authentication_api',
        })
      ).status,
    ).toBe(400);
    await api.call('DELETE', `/rate-limit-policies/${first.body.id}`);
  });
});

describe('a tenant without a feature', () => {
  it('answers bot detection and CAPTCHA, read or write, with the recorded 403', async () => {
    const refusal = {
      statusCode: 403,
      error: 'Forbidden',
      message: 'Please upgrade your subscription to use bot detection',
      errorCode: 'insufficient_entitlement',
    };
    expect(await without.call('GET', '/attack-protection/bot-detection')).toMatchObject({
      status: 403,
      body: refusal,
    });
    expect(await without.call('GET', '/attack-protection/captcha')).toMatchObject({
      status: 403,
      body: refusal,
    });
    const patch = await without.call('PATCH', '/attack-protection/bot-detection', {
      bot_detection_level: 'low',
    });
    expect(patch).toMatchObject({ status: 403, body: refusal });
    // The features it has still work.
    expect((await without.call('GET', '/attack-protection/brute-force-protection')).status).toBe(200);
    expect((await api.call('GET', '/attack-protection/bot-detection')).status).toBe(200);
  });

  it('answers an Early Access feature it lacks with 403 feature_not_enabled, on every operation', async () => {
    for (const [method, path] of [
      ['GET', '/rate-limit-policies'],
      ['POST', '/rate-limit-policies'],
      ['GET', '/rate-limit-policies/rlp_x'],
      ['DELETE', '/rate-limit-policies/rlp_x'],
    ]) {
      const reply = await without.call(method, path, method === 'POST' ? {} : undefined);
      expect(reply.status, `${method} ${path}`).toBe(403);
      expect(reply.body.errorCode).toBe('feature_not_enabled');
    }
    expect((await api.call('GET', '/rate-limit-policies')).status).toBe(200);
  });

  it('still checks the token first', async () => {
    expect((await without.call('GET', '/rate-limit-policies', undefined, 'not-a-token')).status).toBe(401);
  });

  it('is chosen with --without-feature, repeatable, and an unknown name is an error naming the known ones', async () => {
    const options = parseEmulatorArgs([
      '--without-feature',
      'bot_detection',
      '--without-feature',
      'action_modules',
    ]);
    expect(options).toMatchObject({ withoutFeatures: ['bot_detection', 'action_modules'] });
    expect(() => parseEmulatorArgs(['--without-feature', 'teleportation'])).toThrow(
      /--without-feature: unknown feature teleportation \(known: .*rate_limit_policies/,
    );
    await expect(startEmulator({ withoutFeatures: ['teleportation'] })).rejects.toThrow(/unknown feature/);
  });
});

describe('attack protection', () => {
  it('CAPTCHA secrets are taken and never read back, not even by the PATCH', async () => {
    const patched = await api.call('PATCH', '/attack-protection/captcha', {
      active_provider_id: 'recaptcha_enterprise',
      recaptcha_enterprise: { site_key: 'site', api_key: 'key-1', project_id: 'proj' },
      hcaptcha: { site_key: 'h-site', secret: 'h-secret' },
    });
    expect(patched.body.recaptcha_enterprise).toEqual({ site_key: 'site', project_id: 'proj' });
    const read = await api.call('GET', '/attack-protection/captcha');
    expect(read.body.hcaptcha).toEqual({ site_key: 'h-site' });
    expect(JSON.stringify(read.body)).not.toMatch(/key-1|h-secret/);
  });

  it('suspicious IP throttling has the custom token exchange stage on a new tenant', async () => {
    const read = await api.call('GET', '/attack-protection/suspicious-ip-throttling');
    expect(read.body.stage['pre-custom-token-exchange']).toEqual({ max_attempts: 10, rate: 600000 });
  });
});

describe('network ACLs', () => {
  const rule = { action: { block: true }, match: { asns: [9453] }, scope: 'tenant' };

  it('are created with acl_ ids and timestamps, and a PUT replaces the whole rule', async () => {
    const created = await api.call('POST', '/network-acls', {
      description: 'd',
      active: true,
      priority: 1,
      rule,
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toMatch(/^acl_[A-Za-z0-9]{22}$/);
    expect(created.body.created_at).toBe(created.body.updated_at);
    const notMatch = { action: { log: true }, not_match: { asns: [9876] }, scope: 'management' };
    const put = await api.call('PUT', `/network-acls/${created.body.id}`, {
      description: 'e',
      active: false,
      priority: 2,
      rule: notMatch,
    });
    expect(put.body).toMatchObject({
      description: 'e',
      priority: 2,
      rule: notMatch,
      created_at: created.body.created_at,
    });
    expect((await api.call('GET', `/network-acls/${created.body.id}`)).body.rule).toEqual(notMatch);
    expect(
      (await api.call('PUT', '/network-acls/acl_missing', { description: 'x', active: true, rule })).status,
    ).toBe(404);
  });

  it('refuse a redirect without its URI and unknown curated lists, as recorded', async () => {
    const redirect = await api.call('POST', '/network-acls', {
      description: 'r',
      active: true,
      priority: 3,
      rule: { ...rule, action: { redirect: true } },
    });
    expect(redirect).toMatchObject({ status: 400, body: { errorCode: 'invalid_body' } });
    expect(redirect.body.message).toContain('requires a `redirect_uri`');
    const curated = await api.call('POST', '/network-acls', {
      description: 'c',
      active: true,
      priority: 4,
      rule: { ...rule, match: { auth0_managed: ['auth0.totally_made_up'] } },
    });
    expect(curated.body.message).toMatch(/^Invalid curated list name\(s\): auth0.totally_made_up/);
  });
});
