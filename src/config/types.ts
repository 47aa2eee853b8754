import type { DesiredObject } from '../core/objects.ts';
import type { PathSegment, SourcePosition } from './problems.ts';

/** Where a field of a desired object is written, and how to name it in a message. */
export interface FieldLocation extends SourcePosition {
  /** `clients."My SPA".callbacks[0]` */
  path: string;
}

/**
 * One object as loaded from a config file (before adapter normalisation): its config has
 * variables substituted and `!file` contents inlined, and it knows where it was written.
 */
export interface LoadedObject extends DesiredObject {
  /** Where the object starts. */
  source: SourcePosition;
  /** The object in messages: `clients."My SPA"`, `tenant`. */
  path: string;
  /**
   * For each secret field (adapter secretPaths) written with a variable: the raw text before
   * substitution, by dotted path (`client_secret`, `secrets.0.value`), so a saved plan can store
   * `${CLIENT_SECRET}` instead of the value. A secret written literally has no entry.
   */
  secretTemplates: Record<string, string>;
  /**
   * Every value written with a variable (secrets or not, text or a whole list/object from a
   * values file): where it is in config and its raw text, so export can write it back.
   */
  templates: { path: PathSegment[]; template: string }[];
  /**
   * For each secret field read with `!file`: the file as the config directory names it
   * (`certs/saml.pem`), by dotted path, so a saved plan can name the file instead of holding
   * its content.
   */
  secretFiles: Record<string, string>;
  /** Every field's location, by dotted path relative to config ('' is the object itself). */
  fields: { get(dotted: string): FieldLocation | undefined };
}

export interface ConfigSettings {
  /** Types whose unmanaged objects may be deleted (from `tenantform.allow_delete`). */
  allowDelete?: string[];
  /** Per type, field paths whose differences are accepted: never reported, never sent. */
  ignore?: Record<string, string[]>;
  /** Per type, keys of objects left out of every plan: never created, changed, deleted or counted. */
  exclude?: Record<string, string[]>;
  /** Per type, keys of objects no plan may delete or replace, --allow-delete or not. */
  protect?: Record<string, string[]>;
  /** Renames (`tenantform.moved`): the tenant's object under `from` is the config's `to`. */
  moved?: MovedEntry[];
}

/** One `tenantform.moved` entry: an object renamed in config, to be updated in place. */
export interface MovedEntry {
  type: string;
  /** The key the tenant has. */
  from: string;
  /** The key config now writes. */
  to: string;
  /** Where the entry is written. */
  at: FieldLocation;
}

export interface LoadedConfig {
  /** Files read, in the order they were merged. */
  files: string[];
  objects: LoadedObject[];
  byType: Map<string, Map<string, LoadedObject>>;
  settings: ConfigSettings;
}
