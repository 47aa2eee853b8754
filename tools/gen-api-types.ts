/**
 * Generates src/api/schema.ts (committed) from schemas/auth0-management-api.yaml.
 *
 *   npm run gen:api
 *
 * test/api-types-fresh.test.ts calls generateApiTypes() and compares with the committed file, so
 * a changed document without regenerated types fails the tests.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';

const root = join(import.meta.dirname, '..');
export const API_DOCUMENT = join(root, 'schemas', 'auth0-management-api.yaml');
export const GENERATED_TYPES = join(root, 'src', 'api', 'schema.ts');

const BANNER = [
  '// Generated from schemas/auth0-management-api.yaml by `npm run gen:api`. Do not edit.',
  '// biome-ignore-all lint: generated file',
  '',
].join('\n');

export async function generateApiTypes(documentPath: string = API_DOCUMENT): Promise<string> {
  const ast = await openapiTS(pathToFileURL(documentPath), {
    silent: true,
    // A field with a server default is still optional in what we send and may be absent in what
    // we read: only `required` makes a field required.
    defaultNonNullable: false,
  });
  return formatLikeTheRepo(`${COMMENT_HEADER}${BANNER}${astToString(ast)}`);
}

// The committed file is formatted by the repo's own formatter, so `npm run format` leaves it
// untouched and the freshness test keeps comparing like with like.
function formatLikeTheRepo(source: string): string {
  const biome = join(root, 'node_modules', '.bin', 'biome');
  return execFileSync(biome, ['format', `--stdin-file-path=${GENERATED_TYPES}`], {
    cwd: root,
    input: source,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
}

async function main(): Promise<void> {
  if (!existsSync(API_DOCUMENT)) {
    console.error(`gen:api: ${relative(root, API_DOCUMENT)} does not exist yet`);
    process.exit(1);
  }
  const started = Date.now();
  const source = await generateApiTypes();
  const previous = existsSync(GENERATED_TYPES) ? readFileSync(GENERATED_TYPES, 'utf8') : '';
  if (previous === source) {
    console.log(`gen:api: ${relative(root, GENERATED_TYPES)} is up to date`);
    return;
  }
  writeFileSync(GENERATED_TYPES, source);
  console.log(
    `gen:api: wrote ${relative(root, GENERATED_TYPES)} (${source.split('\n').length} lines, ${Date.now() - started} ms)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`gen:api failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
