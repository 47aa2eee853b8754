/**
 * Which recorded requests have no route in the API document.
 *
 *   npm run scan:recordings [-- --json] [-- --max N] [-- --recordings DIR] [-- --document FILE]
 *
 * Reads every go-vcr cassette in ../shared/recordings/terraform-provider-auth0/ (real Management
 * API traffic, see its README), takes each interaction's method and path below `/api/v2`, and
 * matches it against the paths of schemas/auth0-management-api.yaml with the emulator's own
 * router (so "routed" means exactly "the emulator has an operation for it"). Unrouted requests
 * are grouped by method and a path template (id-like segments become `{…}`), with their counts
 * and the cassettes they come from: that list is the API document's missing surface.
 *
 * Prints `unrouted: N of M recorded requests` last, so CI and the fidelity work can read the
 * number. `--max N` exits 1 when more than N are unrouted (a ratchet for CI). Without the
 * recordings (no ../shared beside the repository) it says so in one line and exits 0.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadApiDocument } from '../src/emulator/openapi/document.ts';
import { Router } from '../src/emulator/openapi/router.ts';
import { REPO_ROOT } from './restore-openapi.ts';

export const RECORDINGS_DIR = resolve(REPO_ROOT, '../shared/recordings/terraform-provider-auth0');

export interface RecordedRequest {
  cassette: string;
  method: string;
  /** Raw (percent-encoded) path below `/api/v2`, without the query. */
  path: string;
}

/**
 * Every Management API request of every cassette in `dir`, in file and interaction order. go-vcr
 * writes each request's `url:` line directly before its `method:` line, so the requests are read
 * from the text; parsing 10 MB of YAML would take seconds and is not needed for two fields.
 */
export function readRecordedRequests(dir: string = RECORDINGS_DIR): RecordedRequest[] {
  const requests: RecordedRequest[] = [];
  const request = /^ +url: (\S+)\n +method: ([A-Z]+)$/gm;
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    for (const [, url, method] of readFileSync(join(dir, file), 'utf8').matchAll(request)) {
      const pathname = new URL(url).pathname;
      if (!pathname.startsWith('/api/v2/')) continue; // /oauth/token and the like
      requests.push({ cassette: basename(file, '.yaml'), method, path: pathname.slice(7) });
    }
  }
  return requests;
}

export interface UnroutedGroup {
  method: string;
  /** The path with id-like segments replaced by `{…}`. */
  template: string;
  count: number;
  cassettes: string[];
}

export interface RouteScan {
  total: number;
  unrouted: number;
  groups: UnroutedGroup[];
}

/**
 * An id-like segment: it has a digit, an underscore-prefixed id (`org_…`, `con_…`), a `|`
 * (user ids), or is long. Plain words (`factors`, `sms`, `push-notification`) stay.
 */
function looksLikeId(segment: string): boolean {
  const decoded = decodeURIComponent(segment);
  return (
    /\d/.test(decoded) ||
    decoded.includes('|') ||
    /^[a-z]+_[A-Za-z0-9]{6,}$/.test(decoded) ||
    decoded.length > 30
  );
}

/** Pure: which requests the document's router cannot route, grouped. */
export function scanRoutes(requests: RecordedRequest[], router: Router): RouteScan {
  const groups = new Map<string, UnroutedGroup>();
  let unrouted = 0;
  for (const request of requests) {
    const match = router.matchPath(request.path.split('/').filter(Boolean));
    if (match?.operations.has(request.method.toLowerCase() as never)) continue;
    unrouted++;
    const template = `/${request.path
      .split('/')
      .filter(Boolean)
      .map((s) => (looksLikeId(s) ? '{…}' : s))
      .join('/')}`;
    const key = `${request.method} ${template}`;
    const group = groups.get(key) ?? { method: request.method, template, count: 0, cassettes: [] };
    group.count++;
    if (!group.cassettes.includes(request.cassette)) group.cassettes.push(request.cassette);
    groups.set(key, group);
  }
  const sorted = [...groups.values()].sort(
    (a, b) => a.template.localeCompare(b.template) || a.method.localeCompare(b.method),
  );
  return { total: requests.length, unrouted, groups: sorted };
}

function main(): void {
  const args = process.argv.slice(2);
  const option = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const dir = option('--recordings') ? resolve(option('--recordings') as string) : RECORDINGS_DIR;
  if (!existsSync(dir)) {
    console.log(`scan:recordings: no recordings at ${dir}; skipped`);
    return;
  }
  const document = loadApiDocument(option('--document'));
  const scan = scanRoutes(readRecordedRequests(dir), new Router(document));
  if (args.includes('--json')) console.log(JSON.stringify(scan, null, 2));
  else
    for (const g of scan.groups)
      console.log(`${String(g.count).padStart(5)}  ${g.method} ${g.template}  (${g.cassettes.join(', ')})`);
  console.log(`unrouted: ${scan.unrouted} of ${scan.total} recorded requests`);
  const max = option('--max');
  if (max !== undefined && scan.unrouted > Number(max)) {
    console.error(`scan:recordings: ${scan.unrouted} unrouted requests, more than the allowed ${max}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
