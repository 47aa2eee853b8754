// Where a value of a parsed config file is written, found on demand from its data path.
// Positions are wanted only for the few values a message names (and one per object), so
// the walk that builds the data records none: at 10,000 objects, a position and a pointer
// per node was a third of config load, mostly garbage collection.

import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  type Pair,
  type YAMLMap,
} from 'yaml';
import type { PathSegment, SourcePosition } from './problems.ts';
import { nodePosition } from './yaml-errors.ts';

export interface NodeLocation {
  value: SourcePosition;
  /** Where the mapping key is, for a value held in a mapping ("unknown field" points here). */
  key?: SourcePosition;
}

/**
 * Follows a data path through the YAML nodes as the walk that built the data did: an alias
 * to its anchor (the alias keeps its own position), a merge key (`<<`) to its sources when
 * the map has no key of its own, a whole `${VAR}` replaced by a list or object to the
 * `${VAR}` itself (`replacedByValue` says which scalars those are).
 */
export class NodeLocator {
  /** Key → pair of a map, built the first time the map is searched: a section of 10,000 entries is not scanned per lookup. */
  private readonly pairsOf = new WeakMap<YAMLMap, Map<string, Pair>>();

  constructor(
    private readonly file: string,
    private readonly doc: Document,
    private readonly lineCounter: LineCounter,
    private readonly replacedByValue: (segments: readonly PathSegment[]) => boolean,
  ) {}

  /** The node at the path, or undefined when the data has nothing there. */
  locate(segments: readonly PathSegment[]): NodeLocation | undefined {
    let node: unknown = this.doc.contents;
    let keyNode: unknown;
    for (let depth = 0; depth < segments.length; depth++) {
      const target = isAlias(node) ? node.resolve(this.doc) : node;
      const segment = segments[depth] as PathSegment;
      if (isSeq(target)) {
        if (typeof segment !== 'number' && !/^(0|[1-9]\d*)$/.test(segment)) return undefined;
        node = target.items[Number(segment)];
        keyNode = undefined;
        if (node === undefined) return undefined;
      } else if (isMap(target)) {
        const pair = this.pairOf(target, String(segment));
        if (!pair) return undefined;
        node = pair.value;
        keyNode = pair.key;
      } else if (isScalar(target) && this.replacedByValue(segments.slice(0, depth))) {
        // Every part of a list or object from a values file is written at its `${VAR}`.
        return { value: this.position(node) };
      } else return undefined;
    }
    const location: NodeLocation = { value: this.position(node) };
    if (keyNode) location.key = this.position(keyNode);
    return location;
  }

  /** The map's own key first; then its merge sources, the earlier winning. */
  private pairOf(map: YAMLMap, key: string): Pair | undefined {
    let pairs = this.pairsOf.get(map);
    if (!pairs) {
      pairs = new Map();
      const merged: Pair[] = [];
      for (const pair of map.items) {
        if (isScalar(pair.key) && typeof pair.key.value === 'symbol') merged.push(pair);
        else if (isScalar(pair.key) && !pairs.has(String(pair.key.value)))
          pairs.set(String(pair.key.value), pair);
      }
      for (const source of mergeSources(
        this.doc,
        merged.map((pair) => pair.value),
      ))
        for (const pair of source.items)
          if (isScalar(pair.key) && !pairs.has(String(pair.key.value)))
            pairs.set(String(pair.key.value), pair);
      this.pairsOf.set(map, pairs);
    }
    return pairs.get(key);
  }

  private position(node: unknown): SourcePosition {
    return nodePosition(this.file, this.lineCounter, node);
  }
}

/** The maps a merge key's values name (`<<: *a`, `<<: [*a, *b]`), in the order written. */
export function mergeSources(doc: Document, values: readonly unknown[]): YAMLMap[] {
  const sources: YAMLMap[] = [];
  const add = (value: unknown) => {
    const node = isAlias(value) ? value.resolve(doc) : value;
    if (isMap(node)) sources.push(node);
    else if (isSeq(node)) node.items.forEach(add);
  };
  values.forEach(add);
  return sources;
}
