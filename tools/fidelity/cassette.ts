import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';

/** One recorded request and the real API's answer, as the replay needs them. */
export interface Interaction {
  method: string;
  /** Path below `/api/v2`, still percent-encoded, e.g. `/clients/abc`. */
  path: string;
  /** The raw query string without `?` ('' when none). */
  query: string;
  /** Request body as sent (JSON text), undefined when empty. */
  body: string | undefined;
  status: number;
  /** Parsed JSON response body, undefined when empty or not JSON. */
  response: unknown;
}

export interface Cassette {
  name: string;
  /** The recorded tenant's host, e.g. `terraform-provider-auth0-dev.eu.auth0.com`. */
  host: string;
  interactions: Interaction[];
}

interface RawInteraction {
  request: { method: string; url: string; body?: string };
  response: { code: number; body?: string };
}

const API_PREFIX = '/api/v2';

function parseJson(text: string | undefined): unknown {
  if (text === undefined || text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Reads a go-vcr v2 cassette; interactions outside `/api/v2` (none are recorded today) are dropped. */
export function parseCassette(name: string, text: string): Cassette {
  const document = parse(text, { maxAliasCount: -1 }) as { interactions?: RawInteraction[] };
  let host = '';
  const interactions: Interaction[] = [];
  for (const raw of document.interactions ?? []) {
    const url = new URL(raw.request.url);
    host ||= url.host;
    if (!url.pathname.startsWith(`${API_PREFIX}/`)) continue;
    const body = raw.request.body?.trim() ? raw.request.body.trim() : undefined;
    interactions.push({
      method: raw.request.method.toUpperCase(),
      path: url.pathname.slice(API_PREFIX.length),
      query: url.search.replace(/^\?/, ''),
      body,
      status: raw.response.code,
      response: parseJson(raw.response.body),
    });
  }
  return { name, host, interactions };
}

/** Every `*.yaml` cassette in a folder, by name. */
export function readCassettes(folder: string, only?: RegExp): Cassette[] {
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => basename(file, '.yaml'))
    .filter((name) => !only || only.test(name))
    .map((name) => parseCassette(name, readFileSync(join(folder, `${name}.yaml`), 'utf8')));
}
