import type { Json } from '../openapi/document.ts';
import { EmulatorDataError } from './data-file-error.ts';
import { type Change, TenantStore } from './tenant-store.ts';

// The `--data` file is a journal in JSON Lines: a header, then one record per change, appended
// as changes happen; compaction rewrites it as one `set` record per object. So a write costs
// what changed, not the whole tenant, and a torn append can only damage the last line.
//
//   {"format":"tenantform-emulator","version":2,"signingSecret":"…"}
//   {"op":"create","collection":"/roles/rol_1/permissions"}
//   {"op":"set","collection":"/clients","id":"abc","value":{…}}
//   {"op":"delete","collection":"/clients","id":"abc"}
//   {"op":"drop","collection":"/roles/rol_1/permissions"}
//   {"op":"set","singleton":"/tenants/settings","value":{…}}
//   {"op":"delete","singleton":"/tenants/settings"}
//
// Version 1 (one JSON document, written by earlier versions) is still read, and rewritten as
// version 2 on load.

const FORMAT = 'tenantform-emulator';
const VERSION = 2;

export function encodeHeader(signingSecret: string): string {
  return `${JSON.stringify({ format: FORMAT, version: VERSION, signingSecret })}\n`;
}

/** One record line; throws if the value cannot be serialised. */
export function encodeChange(change: Change): string {
  let record: Json;
  switch (change.kind) {
    case 'collection':
      record = { op: change.exists ? 'create' : 'drop', collection: change.path };
      break;
    case 'item':
      record =
        change.value === undefined
          ? { op: 'delete', collection: change.path, id: change.id }
          : { op: 'set', collection: change.path, id: change.id, value: change.value };
      break;
    case 'singleton':
      record =
        change.value === undefined
          ? { op: 'delete', singleton: change.path }
          : { op: 'set', singleton: change.path, value: change.value };
      break;
  }
  return `${JSON.stringify(record)}\n`;
}

/** What the object a change touches is called in messages: `/clients/abc`. */
export function describeChange(change: Change): string {
  return change.kind === 'item' ? `${change.path}/${change.id}` : change.path;
}

export interface DecodedTenant {
  store: TenantStore;
  /** Rewrite before appending: an old format, a torn last record, or mostly superseded records. */
  rewrite: boolean;
  /** The last line was cut short (a write the previous run did not finish); it was ignored. */
  tornTail: boolean;
}

/** Rebuilds the tenant a data file holds; throws EmulatorDataError naming the line and what is wrong. */
export function decodeTenant(text: string, file: string): DecodedTenant {
  if (text.trim() === '') throw new EmulatorDataError(file, 'is empty');
  if (!text.startsWith(`{"format":"${FORMAT}"`)) return decodeVersion1(text, file);
  const lines = text.split('\n');
  const endsCleanly = lines[lines.length - 1] === '';
  if (endsCleanly) lines.pop();
  const header = parseLine(lines[0], 1, file);
  if (header.version !== VERSION) {
    throw new EmulatorDataError(
      file,
      `is format version ${JSON.stringify(header.version)}; this tenantform reads versions 1 and ${VERSION}`,
      'Use the tenantform that wrote it, or move it away (or delete it) to start from a fresh tenant.',
    );
  }
  if (typeof header.signingSecret !== 'string' || header.signingSecret === '')
    throw new EmulatorDataError(file, 'line 1: the header has no signingSecret');
  const store = new TenantStore(header.signingSecret);
  let tornTail = false;
  for (let i = 1; i < lines.length; i++) {
    const last = i === lines.length - 1;
    let record: Json;
    try {
      record = parseLine(lines[i], i + 1, file);
    } catch (error) {
      // Only an unfinished append can leave a bad line, and only at the very end.
      if (last && !endsCleanly) {
        tornTail = true;
        break;
      }
      throw error;
    }
    store.apply(changeOf(record, i + 1, file));
  }
  const live = countContents(store);
  return { store, rewrite: !endsCleanly || lines.length > 2 * live + 1000, tornTail };
}

function parseLine(line: string, lineNumber: number, file: string): Json {
  try {
    const value = JSON.parse(line);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value;
  } catch (error) {
    const problem = syntaxProblem(error, line);
    const where = problem.column ? `line ${lineNumber}, column ${problem.column}` : `line ${lineNumber}`;
    throw new EmulatorDataError(file, `${where}: not valid JSON (${problem.message})`);
  }
  throw new EmulatorDataError(file, `line ${lineNumber}: not a JSON object`);
}

function changeOf(record: Json, lineNumber: number, file: string): Change {
  const bad = (what: string) => new EmulatorDataError(file, `line ${lineNumber}: ${what}`);
  const { op } = record;
  if (op !== 'set' && op !== 'delete' && op !== 'create' && op !== 'drop')
    throw bad(`not an emulator record (op ${JSON.stringify(op)})`);
  if (typeof record.collection === 'string') {
    const path = record.collection;
    if (op === 'create' || op === 'drop') return { kind: 'collection', path, exists: op === 'create' };
    if (typeof record.id !== 'string') throw bad(`a ${String(op)} record of ${path} without an id`);
    if (op === 'delete') return { kind: 'item', path, id: record.id, value: undefined };
    if (op === 'set' && 'value' in record) return { kind: 'item', path, id: record.id, value: record.value };
  } else if (typeof record.singleton === 'string') {
    const path = record.singleton;
    if (op === 'delete') return { kind: 'singleton', path, value: undefined };
    if (op === 'set' && 'value' in record) return { kind: 'singleton', path, value: record.value };
  }
  throw bad(`not an emulator record (${op} of ${JSON.stringify(record.collection ?? record.singleton)})`);
}

/** Version 1: `{version: 1, signingSecret, collections: [[path, [[id, item]…]]…], singletons: [[path, value]…]}`. */
function decodeVersion1(text: string, file: string): DecodedTenant {
  let snapshot: Json;
  try {
    snapshot = JSON.parse(text);
  } catch (error) {
    const problem = syntaxProblem(error, text);
    const where = problem.line ? ` at line ${problem.line}, column ${problem.column}` : '';
    throw new EmulatorDataError(file, `is not valid JSON${where} (${problem.message})`);
  }
  if (snapshot === null || typeof snapshot !== 'object' || Array.isArray(snapshot))
    throw new EmulatorDataError(file, 'is not emulator data (not a JSON object)');
  if (snapshot.version !== 1) {
    throw new EmulatorDataError(
      file,
      `is not emulator data (no "format": "${FORMAT}" header, version ${JSON.stringify(snapshot.version)})`,
    );
  }
  if (typeof snapshot.signingSecret !== 'string' || snapshot.signingSecret === '')
    throw new EmulatorDataError(file, 'has no signingSecret');
  const store = new TenantStore(snapshot.signingSecret);
  if (!Array.isArray(snapshot.collections)) throw new EmulatorDataError(file, '"collections" is not a list');
  snapshot.collections.forEach((entry: Json, i: number) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Array.isArray(entry[1]))
      throw new EmulatorDataError(file, `collections[${i}] is not [path, items]`);
    const items = store.collection(entry[0]);
    entry[1].forEach((item: Json, j: number) => {
      if (!Array.isArray(item) || typeof item[0] !== 'string')
        throw new EmulatorDataError(file, `collections[${i}] (${entry[0]}) item ${j} is not [id, object]`);
      items.set(item[0], item[1]);
    });
  });
  if (!Array.isArray(snapshot.singletons)) throw new EmulatorDataError(file, '"singletons" is not a list');
  snapshot.singletons.forEach((entry: Json, i: number) => {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string')
      throw new EmulatorDataError(file, `singletons[${i}] is not [path, value]`);
    store.singletons.set(entry[0], entry[1]);
  });
  return { store, rewrite: true, tornTail: false };
}

function countContents(store: TenantStore): number {
  let count = 0;
  for (const _ of store.contents()) count++;
  return count;
}

/**
 * The parser's complaint, and where it is when it says (a line and column of `text`), without
 * the excerpt of the text it may quote: the file holds secrets and this goes to a terminal.
 */
function syntaxProblem(error: unknown, text: string): { message: string; line?: number; column?: number } {
  const raw = (error as Error).message.replace(/,\s*".*" is not valid JSON$/s, '');
  const position = /\s*in JSON at position (\d+).*$/s.exec(raw);
  if (!position) return { message: raw };
  const before = text.slice(0, Number(position[1]));
  return {
    message: raw.slice(0, position.index),
    line: before.split('\n').length,
    column: before.length - before.lastIndexOf('\n'),
  };
}
