import type { ApiDocument, HttpMethod, Operation } from './document.ts';

interface Node {
  statics: Map<string, Node>;
  param: Node | undefined;
  operations: Map<HttpMethod, Operation>;
}

export interface PathMatch {
  /** The operations on the matched path, by method. */
  operations: Map<HttpMethod, Operation>;
  params: Record<string, string>;
}

const newNode = (): Node => ({ statics: new Map(), param: undefined, operations: new Map() });

/**
 * A segment trie over the document's paths. Static segments win over parameters
 * (`/actions/triggers` before `/actions/{id}`), with backtracking when a static branch dead-ends.
 */
export class Router {
  private readonly root = newNode();

  constructor(document: ApiDocument) {
    for (const operation of document.operations) {
      let node = this.root;
      for (const segment of operation.segments) {
        if (segment.startsWith('{')) {
          node.param ??= newNode();
          node = node.param;
        } else {
          let child = node.statics.get(segment);
          if (!child) {
            child = newNode();
            node.statics.set(segment, child);
          }
          node = child;
        }
      }
      node.operations.set(operation.method, operation);
    }
  }

  /** Segments are raw (still percent-encoded) so an encoded `/` stays inside one segment. */
  matchPath(rawSegments: string[]): PathMatch | undefined {
    const values: string[] = [];
    const found = walk(this.root, rawSegments, 0, values);
    if (!found) return undefined;
    const anyOperation = found.operations.values().next().value as Operation;
    const params: Record<string, string> = {};
    let valueIndex = 0;
    for (const segment of anyOperation.segments) {
      if (segment.startsWith('{')) params[segment.slice(1, -1)] = values[valueIndex++] ?? '';
    }
    return { operations: found.operations, params };
  }
}

function walk(node: Node, segments: string[], index: number, values: string[]): Node | undefined {
  if (index === segments.length) return node.operations.size > 0 ? node : undefined;
  const segment = segments[index];
  const staticChild = node.statics.get(segment);
  if (staticChild) {
    const found = walk(staticChild, segments, index + 1, values);
    if (found) return found;
  }
  if (node.param && segment !== '') {
    values.push(safeDecode(segment));
    const found = walk(node.param, segments, index + 1, values);
    if (found) return found;
    values.pop();
  }
  return undefined;
}

/** A path segment decoded, or as it is when it is not valid percent-encoding. */
export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
