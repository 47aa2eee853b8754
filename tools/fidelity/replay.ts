import { loadApiDocument } from '../../src/emulator/openapi/document.ts';
import { Router, safeDecode } from '../../src/emulator/openapi/router.ts';
import { startEmulator } from '../../src/emulator/index.ts';
import { areaOf } from './area.ts';
import type { Cassette, Interaction } from './cassette.ts';
import { compareEchoes, compareFields, type EchoCount, type FieldCount } from './compare.ts';
import { IdMap } from './id-map.ts';
import { isIdKey } from './pairing.ts';

/** What happened to one recorded request when it was sent to the emulator. */
export interface ReplayedInteraction {
  index: number;
  method: string;
  /** The recorded path (with recorded ids). */
  path: string;
  area: string;
  /** No operation of the emulator's document matches the path and method. */
  noRoute: boolean;
  /** The path names an id this replay never saw created: an object of the recorded tenant. */
  unknownId: boolean;
  recordedStatus: number;
  emulatedStatus: number;
  /** The emulator's error message when it answered an error the recording did not. */
  emulatedMessage?: string;
  /** Where both succeeded. */
  fields?: FieldCount;
  echoes?: EchoCount;
}

export interface ReplayedCassette {
  name: string;
  interactions: ReplayedInteraction[];
}

const ok = (status: number) => status >= 200 && status < 300;

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Ids the recorded tenant made up during the test: those in answers to its writes, unless a
 * request used the id before (an import test reads an object that existed already). An id in a
 * path that is neither among these nor learned is an object the tenant had before the test.
 */
function idsCreatedIn(cassette: Cassette): Set<string> {
  const created = new Set<string>();
  const usedBefore = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object')
      for (const [key, item] of Object.entries(value)) {
        if (isIdKey(key) && typeof item === 'string') {
          if (!usedBefore.has(item)) created.add(item);
        } else collect(item);
      }
  };
  for (const interaction of cassette.interactions) {
    for (const segment of interaction.path.split('/')) {
      const decoded = safeDecode(segment);
      if (!created.has(decoded)) usedBefore.add(decoded);
    }
    if (interaction.method !== 'GET' && interaction.status < 300) collect(interaction.response);
  }
  return created;
}

/** Ids in a recorded path that look generated (long, random) but were never seen created. */
function namesUnknownId(
  path: string,
  ids: IdMap,
  created: Set<string>,
  template: string | undefined,
): boolean {
  if (!template) return false;
  const segments = path.split('/').filter(Boolean);
  const templateSegments = template.split('/').filter(Boolean);
  return segments.some((segment, index) => {
    if (!templateSegments[index]?.startsWith('{')) return false;
    const decoded = safeDecode(segment);
    return decoded.length >= 16 && /\d/.test(decoded) && !ids.has(decoded) && !created.has(decoded);
  });
}

/**
 * Whether the recorded tenant still answered connections' deprecated `enabled_clients` on
 * reads (tenants of that generation did; current ones do not): the emulator is started as the
 * same generation, which is the recorded tenant's state, not a behaviour to fake.
 */
function readsEnabledClients(cassette: Cassette): boolean {
  return cassette.interactions.some(
    (step) =>
      step.method === 'GET' &&
      /^\/connections\/[^/]+$/.test(step.path) &&
      typeof step.response === 'object' &&
      step.response !== null &&
      'enabled_clients' in step.response,
  );
}

/**
 * Replays one cassette against a fresh emulator over HTTP, in order, rewriting recorded ids to
 * the emulator's as it learns them.
 */
export async function replayCassette(cassette: Cassette, documentPath?: string): Promise<ReplayedCassette> {
  const router = new Router(loadApiDocument(documentPath));
  const emulator = await startEmulator({
    seed: cassette.name,
    actionBuildMs: 0,
    documentPath,
    legacyEnabledClients: readsEnabledClients(cassette),
  });
  try {
    const token = await tokenOf(emulator.url, emulator.credentials);
    const created = idsCreatedIn(cassette);
    const ids = new IdMap([[cassette.host, emulator.credentials.domain.replace(/^https?:\/\//, '')]]);
    const replayed: ReplayedInteraction[] = [];
    for (const [index, interaction] of cassette.interactions.entries()) {
      replayed.push(await replayOne(index, interaction, { url: emulator.url, token, ids, router, created }));
    }
    return { name: cassette.name, interactions: replayed };
  } finally {
    await emulator.close();
  }
}

interface ReplayTarget {
  url: string;
  token: string;
  ids: IdMap;
  router: Router;
  created: Set<string>;
}

async function replayOne(
  index: number,
  interaction: Interaction,
  { url, token, ids, router, created }: ReplayTarget,
): Promise<ReplayedInteraction> {
  const match = router.matchPath(interaction.path.split('/').filter(Boolean));
  const operation = match?.operations.get(interaction.method.toLowerCase() as never);
  const template = (operation ?? match?.operations.values().next().value)?.pathTemplate;
  const unknownId = namesUnknownId(interaction.path, ids, created, template);
  const path = ids.rewritePath(interaction.path);
  const query = ids.rewriteQuery(interaction.query);
  // fetch sends no body with a GET; the Go SDK sometimes recorded one (`{}`), which the API ignores.
  const recordedBody =
    interaction.body === undefined || interaction.method === 'GET' ? undefined : parseJson(interaction.body);
  const sentBody = recordedBody === undefined ? undefined : ids.rewriteJson(recordedBody);
  const response = await fetch(`${url}/api/v2${path}${query ? `?${query}` : ''}`, {
    method: interaction.method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(sentBody === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: sentBody === undefined ? undefined : JSON.stringify(sentBody),
  });
  const emulated = parseJson(await response.text());
  const result: ReplayedInteraction = {
    index,
    method: interaction.method,
    path: interaction.path,
    area: areaOf(interaction.path, template),
    noRoute: operation === undefined,
    unknownId,
    recordedStatus: interaction.status,
    emulatedStatus: response.status,
  };
  if (!ok(response.status) && ok(interaction.status))
    result.emulatedMessage = (emulated as { message?: string } | undefined)?.message;
  if (ok(response.status) && ok(interaction.status)) {
    ids.learn(interaction.response, emulated, `${path}?${query}\n${JSON.stringify(sentBody ?? '')}`);
    result.fields = compareFields(interaction.response, emulated, ids);
    if (recordedBody !== undefined && interaction.method !== 'GET')
      result.echoes = compareEchoes(recordedBody, sentBody, interaction.response, emulated);
  }
  return result;
}

async function tokenOf(
  url: string,
  credentials: { clientId: string; clientSecret: string },
): Promise<string> {
  const response = await fetch(`${url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      audience: `${url.replace(/^http:/, 'https:')}/api/v2/`,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`emulator refused a token: ${JSON.stringify(body)}`);
  return body.access_token;
}
