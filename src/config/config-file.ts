// One YAML config file → plain data with variables substituted, plus where every value came
// from. The data is built by walking the YAML nodes ourselves (not doc.toJS()) so each value,
// including one produced by a `${VAR}` or an alias, keeps its file:line:column.

import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
  Scalar,
  type YAMLMap,
} from 'yaml';
import { FILE_TAG, fileTagFor, pathInConfigDir } from './file-tag.ts';
import {
  type ConfigProblem,
  fileProblem,
  formatPath,
  type PathSegment,
  type SourcePosition,
  escapeSegment,
} from './problems.ts';
import { type BadCharacter, firstBadCharacter } from './text-checks.ts';
import {
  expandTemplate,
  type StructuredLookup,
  type StructuredValue,
  type VariableLookup,
} from './variables.ts';
import { MAX_DEPTH, nodePosition, yamlProblems } from './yaml-errors.ts';

export interface NodeLocation {
  value: SourcePosition;
  /** Where the mapping key is, for a value held in a mapping ("unknown field" points here). */
  key?: SourcePosition;
}

export interface ParsedConfigFile {
  file: string;
  /** Plain JSON-like data, variables substituted; null for an empty file. */
  data: unknown;
  /** Keyed by JSON Pointer, the form ajv reports paths in. */
  locations: Map<string, NodeLocation>;
  /** Raw text of every string scalar that held a variable, by JSON Pointer, before substitution. */
  templates: Map<string, string>;
  /**
   * Scalars read from a `!file` (kept in a file of their own, not written in config), by
   * pointer: the file as the config directory names it (`certs/saml.pem`).
   */
  fromFiles: Map<string, string>;
  /**
   * Pointers of plain (unquoted) scalars that were exactly one `${VAR}`: their value is a
   * string after substitution but the user may have meant a number or boolean; schema
   * validation coerces these (and only these) when the schema asks for it.
   */
  wholeVariables: Set<string>;
  /** Pointers whose substitution failed: their value is meaningless, so schema errors there are noise. */
  unresolved: Set<string>;
  /**
   * Pointers of `${VAR}` scalars replaced by a list or object from a values file, with what
   * to say of them in messages: `the value of CALLBACKS in env/prod.yaml:3`.
   */
  fromValues: Map<string, string>;
  problems: ConfigProblem[];
}

const WHOLE_VARIABLE = /^\$\{[^}]*\}$/;
/** A scalar that is one reference and nothing else (a default allowed): what a list or object can replace. */
const WHOLE_REFERENCE = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-[^}]*)?\}$/;
/**
 * Values aliases and merge keys may add (bounded as the yaml package's maxAliasCount bounds
 * toJS): at most one per character of the file, or this many. A two-line "billion laughs"
 * document of aliases of aliases would otherwise expand exponentially; `<<: *defaults` in
 * each of thousands of objects stays far below.
 */
const MIN_ALIAS_EXPANSION = 10_000;

/** `root`: the config directory, which `!file` paths may not leave (default: the file's directory). */
export function parseConfigFile(
  file: string,
  lookup: VariableLookup,
  root?: string,
  structured: StructuredLookup = () => undefined,
): ParsedConfigFile {
  const parsed: ParsedConfigFile = {
    file,
    data: null,
    locations: new Map(),
    templates: new Map(),
    fromFiles: new Map(),
    wholeVariables: new Set(),
    unresolved: new Set(),
    fromValues: new Map(),
    problems: [],
  };
  let bytes: Buffer;
  try {
    // Reading a FIFO or a device would wait forever, or never end.
    if (!statSync(file).isFile()) {
      parsed.problems.push(
        fileProblem(file, 'not a regular file (a pipe, socket or device): config files are text files'),
      );
      return parsed;
    }
    bytes = readFileSync(file);
  } catch (err) {
    parsed.problems.push(fileProblem(file, `cannot read file: ${(err as Error).message}`));
    return parsed;
  }
  const bad = firstBadCharacter(bytes);
  const text = bytes.toString('utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    merge: true,
    customTags: [fileTagFor(file, root)],
  });
  parsed.problems.push(...yamlProblems(file, doc, lineCounter, text));
  // A failed `!file` is reported but leaves a well-formed document: keep walking it so the
  // same run reports the file's other problems too.
  let reportedBad = false;
  if (!doc.errors.some((err) => err.code !== 'TAG_RESOLVE_FAILED')) {
    const walker = new Walker(
      file,
      root ?? dirname(file),
      doc,
      lineCounter,
      lookup,
      structured,
      parsed,
      bad,
      text.length,
    );
    parsed.data = walker.walkDocument(doc.contents);
    reportedBad = walker.reportedBad;
  }
  // Outside any value (a key, a comment), or in a file YAML cannot read: named by its place alone.
  if (bad && !reportedBad) {
    const { line, col } = lineCounter.linePos(bad.offset);
    parsed.problems.push({ file, line, column: col, path: '', message: bad.message });
  }
  return parsed;
}

/** Thrown to stop a walk that went too deep or expanded too much: reported once, at the node. */
class WalkLimit extends Error {}

class Walker {
  private readonly resolving = new Set<Node>();
  /** Segments from the root to the node being walked: pushed and popped, copied only for a problem. */
  private readonly path: PathSegment[] = [];
  reportedBad = false;
  private aliasDepth = 0;
  /** The alias (or merge) that started the current expansion: where a runaway one is reported. */
  private expansion: { node: unknown; path: readonly PathSegment[] } | undefined;
  private expanded = 0;
  private readonly maxExpanded: number;

  constructor(
    private readonly file: string,
    /** The config directory `!file` paths stay within. */
    private readonly root: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly lookup: VariableLookup,
    private readonly structured: StructuredLookup,
    private readonly out: ParsedConfigFile,
    private readonly bad: BadCharacter | undefined,
    textLength: number,
  ) {
    this.maxExpanded = Math.max(MIN_ALIAS_EXPANSION, textLength);
  }

  /** The document's data, or null with a problem when it nests too deep or its aliases expand too far. */
  walkDocument(root: unknown): unknown {
    try {
      return this.walk(root, '');
    } catch (error) {
      if (error instanceof WalkLimit) return null;
      throw error;
    }
  }

  private limit(node: unknown, path: readonly PathSegment[], message: string): never {
    this.out.problems.push({ ...this.position(node), path: formatPath(path), message });
    throw new WalkLimit(message);
  }

  /** The child of the node at `pointer` under `segment`: walked with the segment on the path. */
  private child(node: unknown, pointer: string, segment: PathSegment, keyNode?: unknown): unknown {
    this.path.push(segment);
    try {
      return this.walk(node, `${pointer}/${escapeSegment(segment)}`, keyNode);
    } finally {
      this.path.pop();
    }
  }

  /** `pointer` is the JSON Pointer of this.path, built as the walk descends (no copy per level). */
  walk(node: unknown, pointer: string, keyNode?: unknown): unknown {
    const path = this.path;
    if (path.length > MAX_DEPTH)
      this.limit(node, path, `nested too deeply: the Management API accepts at most ${MAX_DEPTH} levels`);
    if (this.aliasDepth > 0 && ++this.expanded > this.maxExpanded) {
      this.limit(
        this.expansion?.node ?? node,
        this.expansion?.path ?? path,
        `aliases expand to more than ${this.maxExpanded} values (aliases of aliases grow exponentially): write the values out, or alias less`,
      );
    }
    const location: NodeLocation = { value: this.position(node) };
    if (keyNode) location.key = this.position(keyNode);
    this.out.locations.set(pointer, location);

    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target || this.resolving.has(target)) return null;
      this.resolving.add(target);
      if (this.aliasDepth++ === 0) this.expansion = { node, path: [...path] };
      try {
        return this.walk(target, pointer, keyNode);
      } finally {
        this.aliasDepth -= 1;
        this.resolving.delete(target);
        // Keep the alias's own position, not the anchor's, for the alias itself.
        this.out.locations.set(pointer, location);
      }
    }
    if (isScalar(node)) return this.scalar(node, pointer, location.value);
    if (isSeq(node)) return node.items.map((item, index) => this.child(item, pointer, index));
    if (isMap(node)) return this.map(node, pointer);
    return null;
  }

  private scalar(node: Scalar, pointer: string, at: SourcePosition): unknown {
    const path = this.path;
    // A merged key that an explicit key overrides is walked twice at the same pointer: the
    // explicit value must not inherit what the merged one recorded.
    this.out.templates.delete(pointer);
    this.out.wholeVariables.delete(pointer);
    const value = node.value;
    const range = node.range;
    if (this.bad && range && range[0] <= this.bad.offset && this.bad.offset < range[1]) {
      const { line, col } = this.lineCounter.linePos(this.bad.offset);
      this.out.problems.push({
        file: this.file,
        line,
        column: col,
        path: formatPath(path),
        message: this.bad.message,
      });
      this.reportedBad = true;
    } else if (typeof value === 'string' && value.includes('\0')) {
      // Written as an escape ("\0", "\x00"), or read from a `!file`.
      this.out.problems.push({ ...at, path: formatPath(path), message: 'holds a NUL character' });
    }
    if (node.tag === FILE_TAG)
      this.out.fromFiles.set(pointer, pathInConfigDir(this.file, this.root, String(node.source ?? '')));
    if (typeof value !== 'string' || node.tag === FILE_TAG) return value ?? null;
    const whole = WHOLE_REFERENCE.exec(value);
    const given = whole ? this.structured(whole[1] as string) : undefined;
    if (given) return this.structuredValue(value, whole![1] as string, given, pointer, at);
    const expansion = expandTemplate(value, this.lookup);
    if (expansion.malformed || expansion.missing.length) this.out.unresolved.add(pointer);
    if (expansion.malformed)
      this.out.problems.push({ ...at, path: formatPath(path), message: expansion.malformed });
    for (const name of expansion.missing) {
      const inText = this.structured(name);
      this.out.problems.push({
        ...at,
        path: formatPath(path),
        message: inText
          ? `variable ${name} holds ${inText.kind === 'list' ? 'a list' : 'an object'} (${inText.file}:${inText.line}), which cannot go inside text: write it as the whole value (field: \${${name}})`
          : `variable ${name} is not set: set it in the environment or a values file, or give a default (\${${name}:-default})`,
      });
    }
    if (expansion.hasVariables) {
      this.out.templates.set(pointer, value);
      if (node.type === Scalar.PLAIN && WHOLE_VARIABLE.test(value)) this.out.wholeVariables.add(pointer);
    }
    return expansion.value;
  }

  /**
   * A whole `${VAR}` whose values file gives a list or object: that value, every part of it
   * located at the `${VAR}` (the config's place), named in messages with the values file's.
   */
  private structuredValue(
    template: string,
    name: string,
    given: StructuredValue,
    pointer: string,
    at: SourcePosition,
  ): unknown {
    this.out.templates.set(pointer, template);
    this.out.fromValues.set(pointer, `the value of ${name} in ${given.file}:${given.line}`);
    const value = structuredClone(given.value);
    const locate = (part: unknown, partPointer: string) => {
      if (partPointer !== pointer) this.out.locations.set(partPointer, { value: at });
      if (Array.isArray(part)) {
        part.forEach((item, i) => {
          locate(item, `${partPointer}/${i}`);
        });
      } else if (typeof part === 'object' && part !== null)
        for (const [k, v] of Object.entries(part)) locate(v, `${partPointer}/${escapeSegment(k)}`);
    };
    locate(value, pointer);
    return value;
  }

  private map(node: YAMLMap, pointer: string): Record<string, unknown> {
    const path = this.path;
    const result: Record<string, unknown> = {};
    const merges: unknown[] = [];
    const explicit: Array<[string, unknown, unknown]> = [];
    for (const pair of node.items) {
      const keyNode = pair.key;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        merges.push(pair.value);
      } else if (isScalar(keyNode) && keyNode.value !== null && typeof keyNode.value !== 'object') {
        explicit.push([String(keyNode.value), keyNode, pair.value]);
      } else {
        this.out.problems.push({
          ...this.position(keyNode),
          path: formatPath(path),
          message: 'mapping keys must be plain strings',
        });
      }
    }
    // `<<: [*a, *b]`: explicit keys win over merged ones, earlier merge sources over later.
    if (merges.length > 0) {
      if (this.aliasDepth++ === 0) this.expansion = { node, path: [...path] };
      try {
        for (const source of this.mergeSources(merges).reverse()) {
          for (const pair of source.items) {
            if (!isScalar(pair.key)) continue;
            const key = String(pair.key.value);
            result[key] = this.child(pair.value, pointer, key, pair.key);
          }
        }
      } finally {
        this.aliasDepth -= 1;
      }
    }
    for (const [key, keyNode, valueNode] of explicit) {
      result[key] = this.child(valueNode, pointer, key, keyNode);
    }
    return result;
  }

  private mergeSources(values: unknown[]): YAMLMap[] {
    const sources: YAMLMap[] = [];
    const add = (value: unknown) => {
      const node = isAlias(value) ? value.resolve(this.doc) : value;
      if (isMap(node)) sources.push(node);
      else if (isSeq(node)) node.items.forEach(add);
    };
    values.forEach(add);
    return sources;
  }

  private position(node: unknown): SourcePosition {
    return nodePosition(this.file, this.lineCounter, node);
  }
}
