import { generateKeyPairSync } from 'node:crypto';
import type { RequestContext, ResourceModule } from '../engine/context.ts';
import { listReply } from '../engine/pagination.ts';
import { badRequest, orNotFound } from '../http/api-error.ts';
import type { Json } from '../openapi/document.ts';

const KEYS = '/keys/encryption';
const NOT_FOUND = { message: 'Key not found', errorCode: 'inexistent_key' };
const ROOT_TYPES = new Set(['environment-root-key', 'customer-provided-root-key']);

/**
 * The tenant's encryption key hierarchy (recorded, TestAccEncryptionKeyManager*): a root key
 * (the environment's, or one the customer provides by wrapping-key import) and the tenant
 * master key under it. Keys are never removed: a deleted or rotated key stays listed as
 * `destroyed`, and lists answer newest first.
 */
function keysOf(context: RequestContext) {
  return context.store.collection(KEYS);
}

function save(context: RequestContext, key: Json): Json {
  keysOf(context).set(key.kid, key);
  return key;
}

function newKey(context: RequestContext, type: string, parentKid: string | null, state: string): Json {
  const now = context.now().toISOString();
  return save(context, {
    kid: context.ids.uuid(),
    type,
    state,
    created_at: now,
    updated_at: now,
    parent_kid: parentKid,
    public_key: null,
  });
}

function destroy(context: RequestContext, key: Json): void {
  save(context, { ...key, state: 'destroyed', updated_at: context.now().toISOString() });
}

function activeKeys(context: RequestContext, types: (type: string) => boolean): Json[] {
  return [...keysOf(context).values()].filter((key) => key.state === 'active' && types(key.type));
}

/** Rotates the tenant master key under the given root: the active one is destroyed. */
function rotateMasterKey(context: RequestContext, rootKid: string): void {
  for (const key of activeKeys(context, (type) => type === 'tenant-master-key')) destroy(context, key);
  newKey(context, 'tenant-master-key', rootKid, 'active');
}

function keyAt(context: RequestContext): Json {
  return orNotFound(keysOf(context).get(context.params.kid), NOT_FOUND);
}

/** A wrapped key is base64 of at least a 256-bit key wrapped with RSA-OAEP (the recorded ones are 512+ bytes). */
function isWrappedKeyMaterial(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Za-z0-9+/]+={0,2}$/.test(value) && value.length >= 344;
}

export const encryptionKeys: ResourceModule = {
  collection: KEYS,
  idField: 'kid',
  notFound: NOT_FOUND,
  routes: {
    'get /keys/encryption': (context) => listReply(context, [...keysOf(context).values()].reverse()),
    'post /keys/encryption': (context) => {
      const key = newKey(context, String(context.body?.type), null, 'pre-activation');
      context.store.changed();
      return { status: context.operation.successStatus, body: key };
    },
    'get /keys/encryption/{kid}': (context) => ({
      status: context.operation.successStatus,
      body: keyAt(context),
    }),
    'delete /keys/encryption/{kid}': (context) => {
      destroy(context, keyAt(context));
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'post /keys/encryption/rekey': (context) => {
      const [root] = activeKeys(context, (type) => ROOT_TYPES.has(type));
      if (root) rotateMasterKey(context, root.kid);
      context.store.changed();
      return { status: context.operation.successStatus };
    },
    'post /keys/encryption/{kid}/wrapping-key': (context) => {
      keyAt(context);
      // The recorded wrapping keys are RSA-3072 public keys in SPKI PEM.
      const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 3072 });
      return {
        status: context.operation.successStatus,
        body: { public_key: publicKey.export({ type: 'spki', format: 'pem' }) },
      };
    },
    // Importing the wrapped key activates a customer-provided root key: the old root and
    // master key are destroyed and a new master key is made under it.
    'post /keys/encryption/{kid}': (context) => {
      const key = keyAt(context);
      if (!isWrappedKeyMaterial(context.body?.wrapped_key))
        throw badRequest(
          'Invalid input. Wrapped key material is invalid or unsupported key type.',
          'invalid_body',
        );
      for (const root of activeKeys(context, (type) => ROOT_TYPES.has(type))) destroy(context, root);
      const { public_key: _, ...active } = save(context, {
        ...key,
        state: 'active',
        updated_at: context.now().toISOString(),
      });
      rotateMasterKey(context, key.kid);
      context.store.changed();
      return { status: context.operation.successStatus, body: active };
    },
  },
};
