import type { AccessTokenClaims } from '../auth/jwt.ts';
import type { ApiError, NotFoundSpec } from '../http/api-error.ts';
import type { ApiDocument, Json, Operation } from '../openapi/document.ts';
import type { IdFactory } from '../state/ids.ts';
import type { TenantStore } from '../state/tenant-store.ts';

/** What every handler gets: the matched operation, the parsed request and the tenant. */
export interface RequestContext {
  document: ApiDocument;
  operation: Operation;
  params: Record<string, string>;
  /** Concrete request path below `/api/v2`, e.g. `/roles/rol_x/permissions`. */
  path: string;
  query: Record<string, unknown>;
  body: Json;
  claims: AccessTokenClaims;
  store: TenantStore;
  ids: IdFactory;
  /** The tenant's host as clients address it, e.g. `127.0.0.1:4010`. */
  domain: string;
  now: () => Date;
  actionBuildMs: number;
}

export interface Reply {
  status: number;
  body?: unknown;
}

export type Handler = (context: RequestContext) => Reply;

/**
 * The real API's special behaviour for one collection, layered on the generic engine:
 * ids, server defaults, conflicts, read shaping, and whole routes where the generic
 * behaviour is wrong (`"post /actions/actions/{id}/deploy"`).
 */
export interface ResourceModule {
  /** Collection (or singleton) path template, e.g. `/clients`, `/actions/actions`, `/tenants/settings`. */
  collection: string;
  /** A singleton's state before its first write (tenant settings a new tenant has). */
  defaults?(context: RequestContext): Json;
  /** A singleton created once: what a second POST answers (the email provider's 409). */
  conflict?: ApiError;
  /** Field that holds the id (`client_id` for clients); `id` by default. */
  idField?: string;
  newId?(context: RequestContext): string;
  /** Builds the stored object from a create body: defaults, conflicts (throw ApiError). */
  create?(context: RequestContext, body: Json, id: string): Json;
  /** Builds the stored object from the existing one and a PATCH body. */
  update?(context: RequestContext, existing: Json, body: Json): Json;
  /** Side effects and vetoes before a delete (throw ApiError to refuse). */
  beforeDelete?(context: RequestContext, existing: Json): void;
  /** Shapes a stored object for reading (computed status, write-only fields removed). */
  present?(context: RequestContext, stored: Json): Json;
  /** Looks an item up by something other than its id (a resource server by its identifier). */
  findAlternate?(context: RequestContext, key: string): Json | undefined;
  /** The body of a delete's answer, where the API gives one (a connection's `deleted_at`). */
  deleteReply?(context: RequestContext, existing: Json): Json;
  /** What DELETE of an absent object answers: the real API gives 204 for some types. */
  deleteMissing?: 'ok' | 'not-found';
  notFound?: NotFoundSpec;
  /** List filters whose query name or meaning differs from a plain field match. */
  filters?: Record<string, (item: Json, value: unknown, context: RequestContext) => boolean>;
  routes?: Record<string, Handler>;
}
