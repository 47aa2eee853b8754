// A self-service SSO profile's custom text: per language and page of the setup flow, the
// texts shown instead of Auth0's (recorded, TestAccSSOCustomTextImport: PUT replaces a page's
// texts whole, `{}` clears them; GET answers `{}` for a page without any). In config it is
// the profile's `custom_text: {language: {page: {key: text}}}`; config that leaves it out, or
// leaves a page out, does not manage it. The languages and pages are those the API document
// lists (today `en` and `get-started`): one read per profile and page.

import { canonicalJson, type ConfigObject, isPlainObject, type Json } from '../core/json.ts';
import type { AdapterContext } from './contract.ts';
import { call, operation } from './kit/operations.ts';

const TYPE = 'self_service_profiles';
const READ = operation(TYPE, 'GET /self-service-profiles/{id}/custom-text/{language}/{page}');
const WRITE = operation(TYPE, 'PUT /self-service-profiles/{id}/custom-text/{language}/{page}');
const LANGUAGES = READ.facts.pathParams?.language ?? [];
const PAGES = READ.facts.pathParams?.page ?? [];
/** Where the texts read with a profile are kept on its raw record (not a config field). */
const READ_KEY = 'tenantform:custom_text';

const pageSchema = {
  type: 'object',
  description: 'Text keys (introduction, …) and what they read.',
  additionalProperties: { type: 'string' },
};

export const customTextSchema = {
  type: 'object',
  description:
    'Texts shown in the self-service SSO setup flow instead of Auth0’s, by language and page; a page given `{}` has none.',
  additionalProperties: false,
  properties: Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(PAGES.map((page) => [page, pageSchema])),
      },
    ]),
  ),
} as const;

/** Every page's texts, `{}` where it has none. */
export async function readCustomText(
  ctx: AdapterContext,
  raw: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const texts: ConfigObject = {};
  for (const language of LANGUAGES) {
    const pages: ConfigObject = {};
    for (const page of PAGES) {
      ctx.perObjectReads?.count(TYPE, 'custom_text');
      pages[page] = await call<ConfigObject>(ctx, READ, { id: String(raw.id), language, page });
    }
    texts[language] = pages;
  }
  return { [READ_KEY]: texts };
}

/** The listed profile with its texts as config writes them. */
export function customTextToConfig(raw: Record<string, unknown>): ConfigObject {
  const config = structuredClone(raw) as ConfigObject;
  delete config[READ_KEY];
  if (isPlainObject(raw[READ_KEY] as Json)) config.custom_text = raw[READ_KEY] as ConfigObject;
  return config;
}

/** The request body without the texts: they are written at their own endpoint. */
export function withoutCustomText(body: ConfigObject): ConfigObject {
  const { custom_text: _texts, ...rest } = body;
  return rest;
}

/** Export: only the pages that have texts (a page left out is not managed; `{}` would clear it). */
export function exportedCustomText(config: ConfigObject): ConfigObject {
  if (!isPlainObject(config.custom_text)) return config;
  const texts: ConfigObject = {};
  for (const [language, pages] of Object.entries(config.custom_text)) {
    if (!isPlainObject(pages)) continue;
    const kept = Object.entries(pages).filter(([, t]) => isPlainObject(t) && Object.keys(t).length > 0);
    if (kept.length > 0) texts[language] = Object.fromEntries(kept);
  }
  const { custom_text: _texts, ...rest } = config;
  return Object.keys(texts).length > 0 ? { ...rest, custom_text: texts } : rest;
}

/** Writes each page config names whose texts differ from the tenant's (one PUT per page). */
export async function writeCustomText(
  ctx: AdapterContext,
  profileId: string,
  desired: ConfigObject,
): Promise<void> {
  if (!isPlainObject(desired.custom_text)) return;
  for (const [language, pages] of Object.entries(desired.custom_text)) {
    if (!isPlainObject(pages)) continue;
    for (const [page, wanted] of Object.entries(pages)) {
      if (!isPlainObject(wanted)) continue;
      const params = { id: profileId, language, page };
      const current = await call<ConfigObject>(ctx, READ, params);
      if (canonicalJson(current) !== canonicalJson(wanted)) await call(ctx, WRITE, params, wanted);
    }
  }
}
