import { createHash } from 'node:crypto';
import type { ResourceModule } from '../engine/context.ts';
import { badRequest, conflict } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

const USERS = '/users';
/** Write-only: sent on create or update, never read back. */
const WRITE_ONLY = [
  'password',
  'verify_email',
  'verify_password',
  'connection',
  'client_id',
  'verify_phone_number',
];

function withoutWriteOnly(body: Json): Json {
  const copy = { ...body };
  for (const field of WRITE_ONLY) delete copy[field];
  return copy;
}

/** The avatar a real tenant gives a user with no picture: gravatar of the email, initials fallback. */
function pictureOf(seed: string): string {
  const hash = createHash('md5').update(seed.trim().toLowerCase()).digest('hex');
  const initials = seed.slice(0, 2).toLowerCase();
  return `https://s.gravatar.com/avatar/${hash}?s=480&r=pg&d=https%3A%2F%2Fcdn.auth0.com%2Favatars%2F${initials}.png`;
}

/**
 * Metadata updates merge key by key, a `null` value removes its key (recorded, TestAccUser);
 * `app_metadata` left empty disappears, `user_metadata` stays `{}`.
 */
function mergeMetadata(existing: Json, patch: Json): Json {
  const merged: Json = { ...(existing ?? {}) };
  for (const [key, value] of Object.entries(patch ?? {})) {
    if (value === null) delete merged[key];
    else merged[key] = value;
  }
  return merged;
}

export const users: ResourceModule = {
  collection: USERS,
  idField: 'user_id',
  newId: ({ ids }) => ids.hex(24),
  // `auth0|<id>` for database connections; the provider is the connection's strategy otherwise.
  create: (context, body, id) => {
    const connection = context.store.findBy('/connections', 'name', body.connection);
    if (!connection) throw badRequest('The connection does not exist.', 'inexistent_connection');
    const provider = connection.strategy ?? 'auth0';
    const localId = typeof body.user_id === 'string' && body.user_id !== '' ? body.user_id : id;
    const userId = `${provider}|${localId}`;
    if (context.store.collection(USERS).has(userId))
      throw conflict('The user already exists.', 'auth0_idp_error');
    if (body.email)
      for (const user of context.store.collection(USERS).values())
        if (user.email === body.email && user.identities?.[0]?.connection === connection.name)
          throw conflict('The user already exists.', 'auth0_idp_error');
    const now = context.now().toISOString();
    const label = body.email ?? body.username ?? body.phone_number ?? localId;
    return {
      created_at: now,
      email_verified: false,
      ...withoutWriteOnly(body),
      identities: [{ connection: connection.name, user_id: localId, provider, isSocial: false }],
      name: body.name ?? label,
      nickname: body.nickname ?? String(label).split('@')[0],
      picture: body.picture ?? pictureOf(String(label)),
      updated_at: now,
      user_id: userId,
    };
  },
  update: (context, existing, body) => {
    const updated: Json = { ...existing, ...withoutWriteOnly(body), updated_at: context.now().toISOString() };
    for (const field of ['user_metadata', 'app_metadata']) {
      if (!(field in body)) continue;
      updated[field] = mergeMetadata(existing[field], body[field]);
      if (field === 'app_metadata' && Object.keys(updated[field]).length === 0) delete updated[field];
    }
    return updated;
  },
  notFound: { message: 'The user does not exist.', errorCode: 'inexistent_user' },
};
