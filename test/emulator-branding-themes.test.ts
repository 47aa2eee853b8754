import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Caller, startWithCaller } from './fixtures/emulator/harness.ts';

// Branding themes (schemas/overlay/branding-themes.yaml) over HTTP, as TestAccBrandingTheme*.yaml shows them.
let api: Caller;
beforeAll(async () => {
  api = await startWithCaller();
});
afterAll(() => api.emulator.close());

const text = (size: number) => ({ bold: false, size });
const theme = {
  borders: {
    button_border_radius: 3,
    button_border_weight: 1,
    buttons_style: 'rounded',
    input_border_radius: 3,
    input_border_weight: 1,
    inputs_style: 'rounded',
    show_widget_shadow: true,
    widget_border_weight: 0,
    widget_corner_radius: 5,
  },
  colors: {
    base_focus_color: '#635dff',
    base_hover_color: '#000000',
    body_text: '#1e212a',
    captcha_widget_theme: 'auto',
    error: '#d03c38',
    header: '#1e212a',
    icons: '#65676e',
    input_background: '#ffffff',
    input_border: '#c9cace',
    input_filled_text: '#000000',
    input_labels_placeholders: '#65676e',
    links_focused_components: '#635dff',
    primary_button: '#635dff',
    primary_button_label: '#ffffff',
    secondary_button_border: '#c9cace',
    secondary_button_label: '#1e212a',
    success: '#13a688',
    widget_background: '#ffffff',
    widget_border: '#c9cace',
  },
  fonts: {
    body_text: text(87.5),
    buttons_text: text(100),
    font_url: '',
    input_labels: text(100),
    links: { bold: true, size: 87.5 },
    links_style: 'normal',
    reference_text_size: 16,
    subtitle: text(87.5),
    title: text(150),
  },
  page_background: { background_color: '#000000', background_image_url: '', page_layout: 'center' },
  widget: {
    header_text_alignment: 'center',
    logo_height: 52,
    logo_position: 'center',
    logo_url: '',
    social_buttons_layout: 'bottom',
  },
};

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
