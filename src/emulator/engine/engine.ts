import { type ApiError, notFound } from '../http/api-error.ts';
import type { ApiDocument, Json, Operation } from '../openapi/document.ts';
import type { Handler, Reply, RequestContext, ResourceModule } from './context.ts';
import type { Collection } from '../state/collection.ts';
import { collectionListing, projectFields } from './listing.ts';
import { listStyleOf, paginate } from './pagination.ts';
import { schemaVariants } from '../openapi/document.ts';
import { classifyOperations, type OperationShape } from './shapes.ts';

/**
 * The generic core: answers every operation of the document from its path shape, and lets
 * resource modules add the real API's special behaviour on top.
 */
export class Engine {
  private readonly shapes: Map<Operation, OperationShape>;
  private readonly modules = new Map<string, ResourceModule>();
  private readonly routes = new Map<string, Handler>();
  private readonly idFields = new Map<Operation, string>();

  constructor(
    private readonly document: ApiDocument,
    modules: ResourceModule[],
  ) {
    this.shapes = classifyOperations(document);
    for (const module of modules) {
      this.modules.set(module.collection, module);
      for (const [route, handler] of Object.entries(module.routes ?? {})) this.routes.set(route, handler);
    }
  }

  handle(context: RequestContext): Reply {
    const { operation } = context;
    const special = this.routes.get(`${operation.method} ${operation.pathTemplate}`);
    if (special) return special(context);
    switch (this.shapes.get(operation)) {
      case 'item':
        return this.handleItem(context);
      case 'collection':
        return this.handleCollection(context);
      case 'action':
        return this.handleAction(context);
      default:
        return this.handleSingleton(context);
    }
  }

  // --- paths ----------------------------------------------------------------

  /** `/roles/{id}/permissions` with `{id: rol_1}` → `/roles/rol_1/permissions`. */
  private fill(segments: string[], params: Record<string, string>): string {
    return `/${segments.map((s) => (s.startsWith('{') ? params[s.slice(1, -1)] : s)).join('/')}`;
  }

  private templateOf(segments: string[]): string {
    return `/${segments.join('/')}`;
  }

  /** 404 unless every item above this path (e.g. the role of `/roles/{id}/permissions`) exists. */
  private requireAncestors(context: RequestContext, segments: string[]): void {
    for (let i = segments.length - 1; i > 0; i--) {
      if (!segments[i].startsWith('{')) continue;
      const collectionSegments = segments.slice(0, i);
      const collectionTemplate = this.templateOf(collectionSegments);
      const module = this.modules.get(collectionTemplate);
      const collectionPath = this.fill(collectionSegments, context.params);
      if (!module && !context.store.collections.has(collectionPath)) continue;
      const id = context.params[segments[i].slice(1, -1)];
      if (!this.lookup(context, module, collectionPath, id))
        throw this.notFoundFor(module, collectionTemplate);
    }
  }

  private lookup(
    context: RequestContext,
    module: ResourceModule | undefined,
    collectionPath: string,
    id: string,
  ): Json | undefined {
    const items = context.store.collections.get(collectionPath);
    return items?.get(id) ?? (module?.findAlternate ? module.findAlternate(context, id) : undefined);
  }

  private notFoundFor(module: ResourceModule | undefined, collectionTemplate: string): ApiError {
    if (module?.notFound) return notFound(module.notFound.message, module.notFound.errorCode);
    const noun = singular(
      collectionTemplate
        .split('/')
        .filter((s) => !s.startsWith('{'))
        .pop() ?? 'object',
    ).replace(/[-_]/g, ' ');
    return notFound(`The ${noun} does not exist.`, `inexistent_${noun.replace(/ /g, '_')}`);
  }

  private present(context: RequestContext, module: ResourceModule | undefined, stored: Json): Json {
    return module?.present ? module.present(context, stored) : stored;
  }

  // --- shapes ---------------------------------------------------------------

  private handleItem(context: RequestContext): Reply {
    const { operation, store, params } = context;
    const collectionSegments = operation.segments.slice(0, -1);
    const collectionTemplate = this.templateOf(collectionSegments);
    const collectionPath = this.fill(collectionSegments, params);
    const module = this.modules.get(collectionTemplate);
    this.requireAncestors(context, collectionSegments);
    const id = params[operation.segments[operation.segments.length - 1].slice(1, -1)];
    const existing = this.lookup(context, module, collectionPath, id);
    const idField = module?.idField ?? this.idFieldOf(operation);
    const storedId = existing ? String(existing[idField] ?? id) : id;
    switch (operation.method) {
      case 'get':
        if (!existing) throw this.notFoundFor(module, collectionTemplate);
        return {
          status: operation.successStatus,
          body: projectFields(context.query, this.present(context, module, existing)),
        };
      case 'patch': {
        if (!existing) throw this.notFoundFor(module, collectionTemplate);
        const updated = module?.update
          ? module.update(context, existing, context.body)
          : { ...existing, ...context.body };
        store.collection(collectionPath).set(storedId, updated);
        store.changed();
        return { status: operation.successStatus, body: this.present(context, module, updated) };
      }
      case 'put':
      case 'post': {
        const replaced = { ...(existing ?? {}), ...context.body };
        if (!(idField in replaced)) replaced[idField] = id;
        store.collection(collectionPath).set(storedId, replaced);
        store.changed();
        return { status: operation.successStatus, body: this.present(context, module, replaced) };
      }
      case 'delete': {
        if (!existing) {
          if (module?.deleteMissing === 'ok') return { status: operation.successStatus };
          throw this.notFoundFor(module, collectionTemplate);
        }
        module?.beforeDelete?.(context, existing);
        store.collection(collectionPath).delete(storedId);
        store.dropBelow(`${collectionPath}/${storedId}`);
        store.changed();
        const body = module?.deleteReply?.(context, existing);
        return body === undefined
          ? { status: operation.successStatus }
          : { status: operation.successStatus, body };
      }
    }
  }

  private handleCollection(context: RequestContext): Reply {
    const { operation, store } = context;
    const template = operation.pathTemplate;
    const path = this.fill(operation.segments, context.params);
    const module = this.modules.get(template);
    this.requireAncestors(context, operation.segments);
    switch (operation.method) {
      case 'get':
        return {
          status: operation.successStatus,
          body: this.list(context, module, store.collection(path)),
        };
      case 'post': {
        const memberships = membershipItems(context.body);
        if (!module && memberships && operation.segments.length > 1) {
          const items = store.collection(path);
          for (const item of memberships)
            items.set(membershipKey(item), typeof item === 'string' ? { id: item } : item);
          store.changed();
          return { status: operation.successStatus };
        }
        const id = module?.newId ? module.newId(context) : context.ids.alphanumeric(16);
        const idField = module?.idField ?? this.idFieldOf(operation);
        const created = module?.create
          ? module.create(context, context.body, id)
          : { ...this.responseDefaults(operation), ...context.body, [idField]: id };
        store.collection(path).set(String(created[idField] ?? id), created);
        store.changed();
        return { status: operation.successStatus, body: this.present(context, module, created) };
      }
      case 'delete': {
        const memberships = membershipItems(context.body);
        const items = store.collection(path);
        if (memberships) for (const item of memberships) items.delete(membershipKey(item));
        else items.clear();
        store.changed();
        return { status: operation.successStatus };
      }
      default: {
        // PATCH/PUT on a list replaces or upserts members.
        const memberships = membershipItems(context.body) ?? [];
        const items = store.collection(path);
        if (operation.method === 'put') items.clear();
        for (const item of memberships) items.set(membershipKey(item), item);
        store.changed();
        return {
          status: operation.successStatus,
          body: operation.successStatus === 204 ? undefined : [...items.values()],
        };
      }
    }
  }

  /** Filters, projects and pages a collection as the operation's list style says, reading only what the page needs. */
  private list(context: RequestContext, module: ResourceModule | undefined, items: Collection): unknown {
    const listing = collectionListing(context, module, items, (stored) =>
      this.present(context, module, stored),
    );
    return paginate(listStyleOf(this.document, context.operation), context.query, listing);
  }

  /**
   * A singleton that can be deleted or is created once (a POST beside its GET) is absent until
   * written: reading it then is a 404, as the real API answers for a tenant with no email
   * provider or no universal-login template. Others always exist and start from their defaults.
   */
  private canBeAbsent(operation: Operation): boolean {
    const methods = this.document.operations
      .filter((op) => op.pathTemplate === operation.pathTemplate)
      .map((op) => op.method);
    return methods.includes('delete') || (methods.includes('post') && methods.includes('get'));
  }

  /** A singleton's state before its first write: its module's defaults, else the document's. */
  private singletonDefaults(context: RequestContext, module: ResourceModule | undefined): Json {
    if (module?.defaults) return module.defaults(context);
    const read = this.document.operations.find(
      (op) => op.method === 'get' && op.pathTemplate === context.operation.pathTemplate,
    );
    return read ? this.responseDefaults(read) : {};
  }

  private handleSingleton(context: RequestContext): Reply {
    const { operation, store } = context;
    const path = this.fill(operation.segments, context.params);
    const module = this.modules.get(operation.pathTemplate);
    this.requireAncestors(context, operation.segments);
    const absent = this.canBeAbsent(operation);
    const stored = store.singletons.get(path);
    const current = stored ?? (absent ? undefined : this.singletonDefaults(context, module));
    const present = (value: Json) => this.present(context, module, value);
    switch (operation.method) {
      case 'get':
        if (current === undefined) throw this.notFoundFor(module, operation.pathTemplate);
        return { status: operation.successStatus, body: projectFields(context.query, present(current)) };
      case 'delete':
        if (current === undefined && module?.deleteMissing !== 'ok')
          throw this.notFoundFor(module, operation.pathTemplate);
        store.singletons.delete(path);
        store.changed();
        return { status: operation.successStatus };
      case 'patch': {
        if (current === undefined) throw this.notFoundFor(module, operation.pathTemplate);
        const merged = module?.update
          ? module.update(context, current, context.body ?? {})
          : deepMerge(current, context.body ?? {});
        store.singletons.set(path, merged);
        store.changed();
        return { status: operation.successStatus, body: present(merged) };
      }
      default: {
        if (operation.method === 'post' && stored !== undefined && module?.conflict) throw module.conflict;
        const written = module?.create
          ? module.create(context, context.body ?? {}, path)
          : {
              ...(operation.method === 'post' ? this.singletonDefaults(context, module) : {}),
              ...(context.body ?? {}),
            };
        store.singletons.set(path, written);
        store.changed();
        return { status: operation.successStatus, body: present(written) };
      }
    }
  }

  private handleAction(context: RequestContext): Reply {
    const { operation } = context;
    this.requireAncestors(context, operation.segments);
    const parentSegments = operation.segments.slice(0, -1);
    const last = parentSegments[parentSegments.length - 1];
    if (last?.startsWith('{')) {
      const collectionSegments = parentSegments.slice(0, -1);
      const module = this.modules.get(this.templateOf(collectionSegments));
      const parent = this.lookup(
        context,
        module,
        this.fill(collectionSegments, context.params),
        context.params[last.slice(1, -1)],
      );
      if (parent && operation.successStatus !== 204) {
        return { status: operation.successStatus, body: this.present(context, module, parent) };
      }
    }
    if (operation.successStatus === 204) return { status: 204 };
    return {
      status: operation.successStatus,
      body: { ...(context.body ?? {}), id: context.ids.alphanumeric(16) },
    };
  }

  /**
   * What the response schema says the server fills in when the client does not. Ids are never
   * defaults: a document's example `custom_domain_id` would give every object the same id.
   */
  private responseDefaults(operation: Operation): Json {
    const schema = this.document.deref(operation.responseSchema);
    const defaults: Json = {};
    for (const [name, property] of Object.entries<Json>(schema?.properties ?? {})) {
      if (name === 'id' || name.endsWith('_id')) continue;
      const resolved = this.document.deref(property);
      if (resolved && 'default' in resolved) defaults[name] = structuredClone(resolved.default);
    }
    return defaults;
  }

  /**
   * The field that holds an item's id, for types without a module: `<noun>_id` when the
   * response schema has it (`custom_domain_id` of `/custom-domains`), else `id`.
   */
  private idFieldOf(operation: Operation): string {
    const cached = this.idFields.get(operation);
    if (cached) return cached;
    const nouns = operation.segments.filter((s) => !s.startsWith('{'));
    const noun = singular(nouns[nouns.length - 1] ?? '').replace(/-/g, '_');
    const candidate = `${noun}_id`;
    const item = this.document.operations.find(
      (op) => op.method === 'get' && op.pathTemplate.startsWith(`/${nouns.join('/')}/{`),
    );
    const named = [operation, item].some((op) =>
      schemaVariants(this.document, op?.responseSchema).some(
        (v) => v?.properties && candidate in v.properties,
      ),
    );
    const field = named ? candidate : 'id';
    this.idFields.set(operation, field);
    return field;
  }
}

/** A body that lists members to add or remove: `[…]` or `{permissions: […]}`. */
function membershipItems(body: Json): Json[] | undefined {
  if (Array.isArray(body)) return body;
  if (!body || typeof body !== 'object') return undefined;
  const values = Object.values(body);
  return values.length === 1 && Array.isArray(values[0]) ? (values[0] as Json[]) : undefined;
}

function membershipKey(item: Json): string {
  if (typeof item !== 'object' || item === null) return String(item);
  for (const key of ['id', 'client_id', 'user_id', 'connection_id'])
    if (typeof item[key] === 'string') return item[key];
  return JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)));
}

function deepMerge(target: Json, patch: Json): Json {
  if (!isPlainObject(target) || !isPlainObject(patch)) return patch;
  const merged: Json = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    merged[key] = isPlainObject(value) && isPlainObject(merged[key]) ? deepMerge(merged[key], value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ses')) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}
