// The vocabulary of a resource spec: what is true of one type of tenant object, as data.
// A spec names the API operations it uses (`'PATCH /clients/{id}'`); paging, list keys,
// request and response fields, path enums and scopes come from the API document's index
// (src/api/operation-index.ts). Code in a spec is for what is genuinely odd about its type.
// compileSpec (compile.ts) turns a spec into the ResourceAdapter the planner and applier use.

import type { ConfigObject } from '../../core/json.ts';
import type { AdapterContext, LiveRecord, ResourceAdapter } from '../contract.ts';

/** An operation of the API document: `METHOD /path/{param}`. */
export type OperationName = string;

export type ResourceSpec = CollectionSpec | SingletonSpec | KeyedSpec;

/** Objects with ids: listed, created, updated and deleted by id; matched by natural key. */
export interface CollectionSpec extends CommonSpec {
  kind: 'collection';
  /** Natural key: one config field, or several (a grant's client and audience). */
  key: string | readonly string[];
  operations: {
    list: OperationName;
    /** Reads one object whole, where the list gives summaries (forms, flows): one read per object. */
    read?: OperationName;
    create: OperationName;
    /** PATCH (changed fields) or PUT (the whole object); none: every change is a replace. */
    update?: OperationName;
    delete: OperationName;
    /** Looks one object up by natural key, for recovering a create whose answer was lost. */
    find?: OperationName;
  };
  /** The response field holding the id (`client_id`); default `id`. */
  idField?: string;
  /** Query sent with the list (a filter the API needs to list only the tenant's own objects). */
  listQuery?: Readonly<Record<string, string | number | boolean>>;
  /** Which listed objects are of this type, where the list holds others too (organizations' own roles). */
  listed?: (raw: Record<string, unknown>) => boolean;
}

/** One object per tenant. It always exists (tenant settings), or is created once (the email provider). */
export interface SingletonSpec extends CommonSpec {
  kind: 'singleton';
  operations: {
    /**
     * Absent where the API has no read at all (the FCM push providers: PUT answers `{}`): the
     * tenant side is then taken as an empty object, never absent, so only write-only fields
     * (compared through their digests) can be managed.
     */
    read?: OperationName;
    update: OperationName;
    /** Present when the object may be absent: a read answering 404 means "none yet". */
    create?: OperationName;
  };
  /**
   * The read object's field holding the value of the update's one path parameter, where the
   * object has an id of its own (the theme's `themeId`, the global client's `client_id`).
   */
  idField?: string;
  /** Where the read is a list (the global client among the clients): which item is the object. */
  listed?: (raw: Record<string, unknown>) => boolean;
  /** Query sent with that list read. */
  listQuery?: Readonly<Record<string, string | number | boolean>>;
}

/**
 * A family of objects addressed by key in the path rather than by id (email templates by
 * name, custom text by prompt and language, trigger bindings by trigger). They cannot be
 * deleted: "delete" writes the reset state, and an object in that state counts as absent.
 */
export interface KeyedSpec extends CommonSpec {
  kind: 'keyed';
  /**
   * The parts of the key, in path order, each a path parameter of the operations (of the
   * write, for a listed family). A part's values are its parameter's enum in the API
   * document unless the spec says otherwise.
   */
  keyParts: readonly KeyPart[];
  operations: (
    | {
        /** Reads one object; 404 (or the reset state) means absent. */
        read: OperationName;
      }
    | {
        /**
         * Reads the whole family in one request, for families the API only lists (guardian
         * factors): each item holds its key in the key parts' fields.
         */
        list: OperationName;
      }
  ) & {
    /** PATCH (changed fields) or PUT (the whole object). */
    write: OperationName;
    /** For families whose objects do not exist until created: used when the write answers 404. */
    create?: OperationName;
    /**
     * Lists every object of the family with its key fields (the screens' renderings), for a
     * read of the whole family (export) where reading each key of the enums would not end.
     */
    list?: OperationName;
  };
  /** The body that "deletes" an object (a template disabled, custom text emptied). */
  reset: ConfigObject | ((key: readonly string[]) => ConfigObject);
  /** Whether a read object is in the reset state, so the same as absent. */
  isReset: (config: ConfigObject) => boolean;
}

export interface KeyPart {
  /** The path parameter (`templateName`). */
  param: string;
  /** The config field holding it in a list section, or naming the map level; default: param. */
  field?: string;
  /**
   * Which values are read: every value of the parameter's enum (`all`, cheap families such as
   * the 13 email templates), or only those config names (`named`: 35 prompts × 80 languages
   * must not cost thousands of reads), plus `discover`ed ones in either case.
   */
  read: 'all' | 'named';
  /** The values, where the enum lists more than a tenant's own objects can use. */
  values?: readonly string[];
  /** Values the tenant has in use, read from the tenant (the languages it has enabled). */
  discover?: (ctx: AdapterContext) => Promise<readonly string[]>;
}

interface CommonSpec {
  /** Config section and address prefix: `clients`, `email_templates`. */
  type: string;
  /** One sentence for the config schema and the docs. */
  description: string;
  /**
   * How the section is written: a list of objects (identified by the key fields), a map of
   * key → object (nested once per key part), or one object. Defaults: collections and keyed
   * families are lists, singletons singletons.
   */
  section?: 'list' | 'map' | 'singleton';
  /** In a map section, the field the YAML value is stored under when it is not an object. */
  mapValueField?: string;
  /**
   * The API request schema config follows; default: the create (else write) operation's.
   * `false` when config is not shaped like any request (configFields then describe it whole).
   */
  configSchema?: string | false;
  /** How config differs from that schema (fields named by reference, fields tenantform adds). */
  configFields?: ResourceAdapter['configFields'];
  fields?: FieldFacts;
  /** Fields that name other objects by natural key. */
  refs?: readonly RefSpec[];
  /** Names this object defines that others may refer to (`scopes.*.value`: an API's scopes). */
  members?: string;
  /** Parts of the object the API keeps behind endpoints of their own (a role's permissions). */
  subResources?: readonly SubResourceSpec[];
  /** Types every change of this type waits for, though no field refers to them. */
  dependsOn?: readonly string[];
  /**
   * Types whose writes reset this one (a branding PATCH resets the prompts settings): its
   * configured object is written again after any change of them, in the same run.
   */
  resetBy?: readonly string[];
  /** The update replaces the whole object though it is a PATCH (the branding theme): sent whole, compared exactly. */
  wholeUpdate?: boolean;
  /** System objects are never changed or deleted (the global client, the Management API). */
  isSystem?: (raw: Record<string, unknown>, ctx: AdapterContext) => boolean;
  /** The fields of system objects config may still set (an API's token lifetime); never deleted. */
  systemEditable?: readonly string[];
  /**
   * The feature name (`bot detection`) for types a tenant may lack (early access, plan
   * entitlements): a read refused as "not entitled" or "not enabled" then means the tenant
   * does not have the feature, not an error.
   */
  feature?: string;
  /** Whether unmanaged objects are deleted without --allow-delete. */
  deleteByDefault?: boolean;
  hooks?: SpecHooks;
}

export interface FieldFacts {
  /** Paths (dotted, `*` for any element or key) holding secrets: never printed or saved. */
  secret?: readonly string[];
  /** Secret paths the API never returns (write-only): their changes cannot be read back to compare. */
  writeOnly?: readonly string[];
  /**
   * Field names that sound secret but are not (`refresh_token`, a settings object): the kit
   * masks every field whose name says secret, token, password, key or credential, anywhere in
   * the object, unless it is named here.
   */
  notSecret?: readonly string[];
  /** Paths that cannot change in place; default: fields create takes and update does not. */
  immutable?: readonly string[];
  /**
   * Read fields (dotted paths, `*` for any element) that are not config, beyond those derived
   * (a top-level field no request of the type takes is the server's: ids, timestamps).
   */
  serverOnly?: readonly string[];
  /**
   * Ordered arrays whose elements may not repeat (an action bound twice to one trigger):
   * path → the element fields that identify one (a plain value identifies itself, or is
   * the first field's value in a short form). Refused at load, naming both places.
   */
  distinct?: Readonly<Record<string, readonly string[]>>;
  /** Set-like arrays: sorted and de-duplicated on both sides. Path → element key fields ([] for plain values). */
  sets?: Readonly<Record<string, readonly string[]>>;
  /**
   * Where the object is shared with other types (the tenant settings hold the error page):
   * the only fields this type reads and writes; the rest of the object is theirs.
   */
  only?: readonly string[];
  /**
   * Long text written to a file of its own by export: field (dotted, `*` for any key, one
   * file per match: a database's `options.customScripts.*`) → file extension.
   */
  files?: Readonly<Record<string, string>>;
  /**
   * What the server assumes for a field config leaves out. Compared as if written (so drift
   * of a defaulted field shows), and left out of exports.
   */
  defaults?: ConfigObject | ((config: ConfigObject) => ConfigObject);
  /**
   * Fields added to desired config with these values so that an unfinished earlier apply
   * shows as a change (an action not yet deployed: `{ deployed: true }`). fromApi gives the
   * live value. Compared like any field, never sent, not listed on create.
   */
  convergence?: ConfigObject;
}

/**
 * A field that names another object. In config it holds the object's natural key; in the
 * API it holds the id (at `api`, default the same path), or the natural key itself (`by: 'key'`).
 * `member`: the value is a name defined inside the object whose key is at that sibling path
 * (a grant's scope is defined by the API named in its audience).
 */
export interface RefSpec {
  /** Config path, dotted, `*` for any element; `**.x` for an `x` at any depth. */
  path: string;
  type: string;
  api?: string;
  by?: 'id' | 'key';
  memberOf?: string;
  /**
   * The referenced object must define the referencing object's own key as a member (an
   * action bound to a trigger must list that trigger among its supported triggers).
   */
  keyIsMember?: boolean;
  /** For the config schema, when config names the object in a field of its own. */
  description?: string;
}

/** A sub-resource: an array field of the object that the API reads and writes elsewhere. */
export interface SubResourceSpec {
  /** The config field holding it. */
  field: string;
  /** For the config schema, when the kit derives the field's schema (a list of names). */
  description?: string;
  /** `GET /roles/{id}/permissions`: the list of one object's items. */
  list: OperationName;
  /** Use the parent's listed value of this API field when the list carries it (older tenants). */
  listedAs?: string;
  item: ItemSpec;
  write: SubResourceWrite;
}

/** How an item of a sub-resource looks in config and in the API. */
export type ItemSpec =
  /** Each item is one value in config (a client name), one field in the API (`client_id`). */
  | { value: ItemField }
  /** Each item is an object; `identity` fields tell items apart. */
  | {
      fields: Readonly<Record<string, ItemField>>;
      identity: readonly string[];
      /** What the API assumes for an item field config leaves out. */
      defaults?: ConfigObject;
    };

export interface ItemField {
  /** The API's name for the field. */
  api: string;
  /** The list's name for it, where that differs from the writes' (a grant listed as `id`, added as `grant_id`). */
  listedAs?: string;
  /** The type it refers to; its value is translated id ↔ name unless `by: 'key'`. */
  type?: string;
  by?: 'id' | 'key';
  /** The value is a name defined by the object this sibling field refers to. */
  memberOf?: string;
}

export type SubResourceWrite =
  /** Items added and removed in bulk: `POST` and `DELETE` with `{[bodyKey]: items}` (role permissions). */
  | { style: 'bulk'; add: OperationName; remove: OperationName; bodyKey: string }
  /** One request per item: add, change, remove; the item's path parameter holds its `idField`. */
  | {
      style: 'each';
      add: OperationName;
      /** None: items cannot change, only come and go (a changed item is removed, then added). */
      update?: OperationName;
      remove: OperationName;
      /** The path parameter of update/remove, and the API field it takes its value from. */
      itemParam: string;
      idField: string;
      /**
       * For items whose id the server makes (an organization's discovery domains): the
       * operation that finds one by its identity field, whose path parameter of that name
       * takes the value; its answer's `idField` is the id.
       */
      lookup?: { operation: OperationName; param: string; field: string };
      /** Item fields sent on add only when they differ from their default (not every one applies to every kind of parent). */
      addOmitsDefaults?: readonly string[];
    }
  /** One PATCH of `[{…item, status: true|false}]` per chunk of `chunk` items (connection clients). */
  | { style: 'status'; operation: OperationName; chunk: number };

/** Code for what a type does that no fact above says. Each hook is small. */
export interface SpecHooks {
  /**
   * Reads a listed object needs beyond the list, merged into it before fromApi (a client's
   * credentials, which the client names by id only). Not run for key-only reads.
   */
  readMore?: (ctx: AdapterContext, raw: Record<string, unknown>) => Promise<Record<string, unknown>>;
  /** The listed object before the kit shapes it (write-only values dropped, markers added). */
  fromApi?: (raw: Record<string, unknown>) => ConfigObject;
  /** Config shaping after the kit's, on both sides. */
  canonical?: (config: ConfigObject) => ConfigObject;
  /** The request body after the kit's (names already ids), where the API's shape differs from config's. */
  toApi?: (body: ConfigObject) => ConfigObject;
  /**
   * Export only: the live config written as a user would write it, beyond leaving defaults
   * out; `raw` is the object as read (with what readMore added).
   */
  exported?: (config: ConfigObject, raw: Record<string, unknown>) => ConfigObject;
  /**
   * Runs after every create and update that wrote something (an action's build and deploy),
   * with the desired config (names, secrets resolved) for writes of their own.
   */
  afterWrite?: (ctx: AdapterContext, record: LiveRecord, desired: ConfigObject) => Promise<void>;
}
