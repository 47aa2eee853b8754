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
  type Pair,
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
  toPointer,
} from './problems.ts';
import { type BadCharacter, firstBadCharacter } from './text-checks.ts';
import {
  expandTemplate,
  type StructuredLookup,
  type StructuredValue,
  type VariableLookup,
} from './variables.ts';
import { MAX_DEPTH, nodePosition, yamlProblems } from './yaml-errors.ts';
import { mergeSources, type NodeLocation, NodeLocator } from './node-locator.ts';

export type { NodeLocation };

export interface ParsedConfigFile {
  file: string;
  /** Plain JSON-like data, variables substituted; null for an empty file. */
  data: unknown;
  /** Where the value at a data path is written; undefined when the data has nothing there. */
  locate(segments: readonly PathSegment[]): NodeLocation | undefined;
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
    locate: () => undefined,
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
  const locator = new NodeLocator(file, doc, lineCounter, (segments) =>
    parsed.fromValues.has(toPointer(segments)),
  );
  parsed.locate = (segments) => locator.locate(segments);
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
  /** Segments from the root to the node being walked: pushed and popped, copied only when needed. */
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
      return this.walk(root);
    } catch (error) {
      if (error instanceof WalkLimit) return null;
      throw error;
    }
  }

  private limit(node: unknown, path: readonly PathSegment[], message: string): never {
    this.out.problems.push({ ...this.position(node), path: formatPath(path), message });
    throw new WalkLimit(message);
  }

  /** The child under `segment`: walked with the segment on the path. */
  private child(node: unknown, segment: PathSegment): unknown {
    this.path.push(segment);
    try {
      return this.walk(node);
    } finally {
      this.path.pop();
    }
  }

  /** Positions are not recorded here: NodeLocator finds the few that messages need. */
  private walk(node: unknown): unknown {
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
    if (isScalar(node)) return this.scalar(node);
    if (isMap(node)) return this.map(node);
    if (isSeq(node)) {
      const items = node.items;
      const result = new Array<unknown>(items.length);
      for (let i = 0; i < items.length; i++) result[i] = this.child(items[i], i);
      return result;
    }
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target || this.resolving.has(target)) return null;
      this.resolving.add(target);
      if (this.aliasDepth++ === 0) this.expansion = { node, path: [...path] };
      try {
        return this.walk(target);
      } finally {
        this.aliasDepth -= 1;
        this.resolving.delete(target);
      }
    }
    return null;
  }

  private scalar(node: Scalar): unknown {
    const value = node.value;
    const range = node.range;
    if (this.bad && range && range[0] <= this.bad.offset && this.bad.offset < range[1]) {
      const { line, col } = this.lineCounter.linePos(this.bad.offset);
      this.out.problems.push({
        file: this.file,
        line,
        column: col,
        path: formatPath(this.path),
        message: this.bad.message,
      });
      this.reportedBad = true;
    } else if (typeof value === 'string' && value.includes('\0')) {
      // Written as an escape ("\0", "\x00"), or read from a `!file`.
      this.out.problems.push({
        ...this.position(node),
        path: formatPath(this.path),
        message: 'holds a NUL character',
      });
    }
    if (node.tag === FILE_TAG)
      this.out.fromFiles.set(
        toPointer(this.path),
        pathInConfigDir(this.file, this.root, String(node.source ?? '')),
      );
    if (typeof value !== 'string' || node.tag === FILE_TAG) return value ?? null;
    // Most text holds no variable: no pattern, no pointer for it.
    if (!value.includes('${')) return value;
    const pointer = toPointer(this.path);
    const whole = WHOLE_REFERENCE.exec(value);
    const given = whole ? this.structured(whole[1] as string) : undefined;
    if (given) return this.structuredValue(value, whole![1] as string, given, pointer);
    const expansion = expandTemplate(value, this.lookup);
    if (expansion.malformed || expansion.missing.length) this.out.unresolved.add(pointer);
    if (expansion.malformed)
      this.out.problems.push({
        ...this.position(node),
        path: formatPath(this.path),
        message: expansion.malformed,
      });
    for (const name of expansion.missing) {
      const inText = this.structured(name);
      this.out.problems.push({
        ...this.position(node),
        path: formatPath(this.path),
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
   * A whole `${VAR}` whose values file gives a list or object: that value (NodeLocator
   * places every part of it at the `${VAR}`, the config's place), named in messages with
   * the values file's.
   */
  private structuredValue(template: string, name: string, given: StructuredValue, pointer: string): unknown {
    this.out.templates.set(pointer, template);
    this.out.fromValues.set(pointer, `the value of ${name} in ${given.file}:${given.line}`);
    return structuredClone(given.value);
  }

  private map(node: YAMLMap): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const merges: unknown[] = [];
    const explicit: Pair[] = [];
    for (const pair of node.items) {
      const keyNode = pair.key;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        merges.push(pair.value);
      } else if (isScalar(keyNode) && keyNode.value !== null && typeof keyNode.value !== 'object') {
        explicit.push(pair);
      } else {
        this.out.problems.push({
          ...this.position(keyNode),
          path: formatPath(this.path),
          message: 'mapping keys must be plain strings',
        });
      }
    }
    if (merges.length > 0) return this.mergedMap(node, merges, explicit);
    for (const pair of explicit) {
      const key = String((pair.key as Scalar).value);
      result[key] = this.child(pair.value, key);
    }
    return result;
  }

  /**
   * `<<: [*a, *b]`: explicit keys win over merged ones, earlier merge sources over later.
   * Only each key's winner is walked (a loser's `${VAR}` would be reported for a value not
   * used); keys keep the order they had when later sources were laid under earlier ones.
   */
  private mergedMap(node: YAMLMap, merges: unknown[], explicit: Pair[]): Record<string, unknown> {
    // Map.set keeps a key's first place, as an overwrite of an object key would.
    const winners = new Map<string, { value: unknown; merged: boolean }>();
    for (const source of mergeSources(this.doc, merges).reverse())
      for (const pair of source.items)
        if (isScalar(pair.key)) winners.set(String(pair.key.value), { value: pair.value, merged: true });
    for (const pair of explicit)
      winners.set(String((pair.key as Scalar).value), { value: pair.value, merged: false });
    const result: Record<string, unknown> = {};
    for (const [key, { value, merged }] of winners) {
      if (!merged) {
        result[key] = this.child(value, key);
        continue;
      }
      if (this.aliasDepth++ === 0) this.expansion = { node, path: [...this.path] };
      try {
        result[key] = this.child(value, key);
      } finally {
        this.aliasDepth -= 1;
      }
    }
    return result;
  }

  private position(node: unknown): SourcePosition {
    return nodePosition(this.file, this.lineCounter, node);
  }
}
