// The one contract every resource type implements. The planner and the applier only ever
// talk to this interface. Every type is a declared spec (src/resources/<type>.ts) compiled
// into it by the kit (src/resources/kit/), so what differs between types is data.

import type { ManagementClient } from '../api/client.ts';
import type { ConfigObject } from '../core/json.ts';

/** A reference from one object to another, by natural key ("the client named X"). */
export interface Reference {
  type: string;
  key: string;
  /** Dotted path of the field holding the reference, for error messages ("client", "enabled_clients.1"). */
  path: string;
  /** A member the referenced object must define (a resource server's scope), see membersOf. */
  member?: string;
}

/** A live object as read from the tenant. */
export interface LiveRecord {
  /** The API id (client_id, con_…, rol_…). Never written to config. */
  id: string;
  /** The raw API object, as listed. Adapters read it in toConfig; fingerprints hash it. */
  raw: Record<string, unknown>;
  /** The natural key, for types keyed by path rather than by a field (keyed families, singletons). */
  key?: string;
}

/** What a read of one type needs to cover. */
export interface ReadScope {
  /** Natural keys the config names for this type; undefined: the whole type (export). */
  named?: ReadonlySet<string>;
  /**
   * Only what other types need to refer to these objects (ids and keys): the type itself is
   * not planned, so reads of its sub-resources are skipped.
   */
  keysOnly?: boolean;
}

/** A type the tenant does not have (a feature not enabled, a plan without the entitlement). */
export class FeatureUnavailableError extends Error {
  constructor(
    readonly type: string,
    readonly feature: string,
    readonly detail: string,
  ) {
    super(`${type}: the tenant does not have ${feature} (${detail})`);
    this.name = 'FeatureUnavailableError';
  }
}

/** Name ↔ id lookups across every type, filled from the live tenant and from creates during apply. */
export interface RefResolver {
  /** The API id of the object of `type` with natural key `key`; throws if unknown. */
  idOf(type: string, key: string): string;
  /** The natural key of the object of `type` with API id `id`; undefined if unknown. */
  keyOf(type: string, id: string): string | undefined;
}

export interface AdapterContext {
  api: ManagementClient;
  refs: RefResolver;
  /** client_id of the credentials tenantform runs with: its client and grant are system objects. */
  deployerClientId?: string;
  /** Counts the reads made one per object while the tenant is read (the plan reports them). */
  perObjectReads?: PerObjectReads;
}

/** Reads the API offers no bulk form of: one per parent object, counted by type and field. */
export interface PerObjectReads {
  count(type: string, field: string): void;
}

/** What a create or update hands to the adapter. */
export interface WriteRequest {
  key: string;
  /** Full desired config (after the adapter's normaliseDesired), secrets resolved. */
  desired: ConfigObject;
  /** Top-level fields that differ (for update); every desired field for create. */
  changed: string[];
  /** Live id and config (update, delete). */
  id?: string;
  live?: ConfigObject;
  liveRaw?: Record<string, unknown>;
}

export interface ResourceAdapter {
  /** Config section name and address prefix: 'clients', 'resource_servers', 'tenant'. */
  readonly type: string;
  /**
   * How the section is written in YAML:
   * - 'list': a list of objects, each identified by keyOf;
   * - 'map': an object of key → value (nested once per mapKeys entry), the value stored as
   *   { [mapValueField]: value } when mapValueField is set, else the value is the object;
   * - 'singleton': one object (tenant settings), key 'default'.
   */
  readonly section: 'list' | 'map' | 'singleton';
  readonly mapValueField?: string;
  /** Map sections: the names of the key's levels (['prompt', 'language']); one level by default. */
  readonly mapKeys?: readonly string[];
  /** Map sections: the values each level may take, where the API has a fixed set. */
  readonly mapKeyValues?: readonly (readonly string[] | undefined)[];
  /** List sections: the fields whose values make the natural key, in order. */
  readonly keyFields?: readonly string[];
  /**
   * Whether an update can change the key: it is one plain field (no reference to another
   * object) that the update by id takes and that may change. What `tenantform.moved` needs.
   */
  readonly renamable?: boolean;
  /** One sentence describing the type, for the config schema and docs. */
  readonly description?: string;
  /** Name of the request schema in the API document the config JSON Schema is built from. */
  readonly configSchema?: string;
  /**
   * How a config object differs from that request schema: fields that name other objects
   * instead of holding ids, fields tenantform adds, fields it leaves out. An adapter with
   * no configSchema describes its whole config here.
   */
  readonly configFields?: {
    add?: Record<string, object>;
    remove?: readonly string[];
    required?: readonly string[];
  };
  /** Field paths (dotted, `*` for any array index or map key) that hold secrets. Never printed or saved. */
  readonly secretPaths: readonly string[];
  /** The secret paths the API never returns: a change there cannot be seen by reading the tenant. */
  readonly writeOnlyPaths?: readonly string[];
  /**
   * The API has no read for the type (an FCM push provider): its tenant side is always empty,
   * so config is the only source of its write-only secrets, and one with no digest is written.
   */
  readonly unreadable?: boolean;
  /**
   * Fields the adapter adds to desired config only so that an earlier apply that did not
   * finish shows up as a change (an action not yet deployed). Compared like any other field,
   * but not listed when the object is created: there they would only be noise.
   */
  readonly convergenceFields?: readonly string[];
  /** Top-level fields that cannot be changed in place: a difference there is a replace. */
  readonly immutableFields: readonly string[];
  /** Whether deleting unmanaged objects of this type is allowed without --allow-delete. Default false. */
  readonly deleteByDefault?: boolean;
  /**
   * 'exact' for types written whole (PUT): a field in the tenant that config does not have is
   * a difference, because the write removes it. 'subset' (default): only what config says is compared.
   */
  readonly compare?: 'subset' | 'exact';
  /**
   * What the server assumes for fields config leaves out. Planned updates compare (and send)
   * the config with these filled in, so drift of a defaulted field shows; export omits them.
   */
  defaultsOf?(config: ConfigObject): ConfigObject;
  /** Identity fields of the elements of array fields (`scopes` → ['value']), for element-wise plan output. */
  readonly elementKeys?: Readonly<Record<string, readonly string[]>>;
  /** Ordered arrays whose elements may not repeat: path → identifying element fields (see FieldFacts.distinct). */
  readonly distinctItems?: Readonly<Record<string, readonly string[]>>;
  /** Types this one refers to: read (keys only) whenever this one is read. */
  readonly referencedTypes?: readonly string[];
  /** Types its natural key names (a grant's client): read whenever its keys are. */
  readonly keyReferencedTypes?: readonly string[];
  /** Types every change of this one waits for, though no field refers to them. */
  readonly dependsOnTypes?: readonly string[];
  /**
   * Types whose writes reset this one (a branding PATCH resets the prompts settings): when
   * one of them changes, this type's configured object is written again after it.
   */
  readonly resetByTypes?: readonly string[];
  /**
   * The fields of this type's system objects that tenantform may change (the Management
   * API's token lifetime, the global client's login page); every other field of a system
   * object is left alone, and config naming one is refused.
   */
  readonly systemEditable?: readonly string[];

  /** Natural key of a config object ("name" for clients, "identifier" for resource servers). */
  keyOf(config: ConfigObject): string;
  /**
   * References to other objects held by a config object. Given its key, also those that
   * need the target to define that key (a trigger's actions must support the trigger).
   */
  references(config: ConfigObject, key?: string): Reference[];
  /** Names other objects may reference inside this one (a resource server's scopes). */
  membersOf?(config: ConfigObject): string[];
  /** Where membersOf finds them (`scopes.*.value`), for messages. */
  readonly membersPath?: string;
  /**
   * Export only: the live config without what the server fills in by itself (defaults that
   * a user never wrote), so exported files stay short. Must not drop anything that matters.
   * `raw` is the object as read, for what export writes that is not compared (a hook's
   * secret names, whose values the API never shows).
   */
  omitDefaults?(config: ConfigObject, raw?: Record<string, unknown>): ConfigObject;
  /** Export only: long text fields (dotted paths, `*` for any key) written to files of their own and referenced with !file. */
  readonly fileFields?: readonly { field: string; extension: string }[];
  /** Apply defaults and canonical ordering to the user's config so it compares with live config. */
  normaliseDesired(config: ConfigObject): ConfigObject;

  /**
   * Read the live objects of this type: one paginated list, plus sub-resources only where
   * forced; keyed families read only what the scope needs. Throws FeatureUnavailableError
   * when the tenant does not have the type at all.
   */
  list(ctx: AdapterContext, scope?: ReadScope): Promise<LiveRecord[]>;
  /** The live object in config shape: names instead of ids, server-only fields dropped, sets sorted. */
  toConfig(record: LiveRecord, refs: RefResolver): ConfigObject;
  /** System objects (global client, Management API, deployer's own client) are never changed or deleted. */
  isSystem(record: LiveRecord, ctx: AdapterContext): boolean;

  create(ctx: AdapterContext, req: WriteRequest): Promise<LiveRecord>;
  update(ctx: AdapterContext, req: WriteRequest): Promise<void>;
  delete(ctx: AdapterContext, req: WriteRequest): Promise<void>;
  /** After a create failed with 409 or a lost response: the object with this natural key, if it exists. */
  findByKey(ctx: AdapterContext, key: string): Promise<LiveRecord | undefined>;
}
