import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brandingTheme as theme } from './fixtures/branding-theme.ts';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Branding themes (schemas/overlay/branding-themes.yaml) over HTTP, as TestAccBrandingTheme*.yaml shows them.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

describe('branding themes', () => {
  it('the default theme is a 404 theme_not_found until one is created', async () => {
    const none = await api.call('GET', '/branding/themes/default');
    expect(none).toMatchObject({ status: 404, body: { errorCode: 'theme_not_found' } });
  });

  it('create answers 200 with a 32-character themeId; default and by-id read it', async () => {
    const created = await api.call('POST', '/branding/themes', theme);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ ...theme, themeId: expect.stringMatching(/^[A-Za-z0-9]{32}$/) });
    expect((await api.call('GET', '/branding/themes/default')).body).toEqual(created.body);
    expect((await api.call('GET', `/branding/themes/${created.body.themeId}`)).body).toEqual(created.body);
    expect((await api.call('POST', '/branding/themes', theme)).status).toBe(409);
  });

  it('PATCH replaces the theme (with a display name and identifiers); DELETE removes it', async () => {
    const { themeId } = (await api.call('GET', '/branding/themes/default')).body;
    const changed = {
      ...theme,
      displayName: 'My branding',
      identifiers: { login_display: 'unified', otp_autocomplete: true },
      colors: { ...theme.colors, captcha_widget_theme: 'dark' },
    };
    const patched = await api.call('PATCH', `/branding/themes/${themeId}`, changed);
    expect(patched.body).toEqual({ ...changed, themeId });
    expect((await api.call('PATCH', `/branding/themes/${themeId}`, { displayName: 'only' })).status).toBe(
      400,
    );
    expect((await api.call('DELETE', `/branding/themes/${themeId}`)).status).toBe(204);
    expect((await api.call('GET', `/branding/themes/${themeId}`)).status).toBe(404);
    expect((await api.call('GET', '/branding/themes/default')).status).toBe(404);
  });
});
