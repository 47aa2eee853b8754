/**
 * `npm run fidelity`: replays the real Management API traffic in
 * ../shared/recordings/terraform-provider-auth0/ against a fresh emulator per cassette and
 * prints, per API area, how often the emulator answers like the real tenant did.
 *
 *   npm run fidelity [-- --only REGEX] [--write FILE] [--check] [--divergences] [--json FILE]
 *
 * --write FILE    replace FILE (FIDELITY.md) with the table and every cassette's first divergence
 * --check         exit 1 unless the thresholds of issue 14 are met
 * --divergences   print each cassette's first divergence too
 * --json FILE     write every replayed request's outcome (for digging into one area)
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pLimit from 'p-limit';
import { readCassettes } from './fidelity/cassette.ts';
import { renderDivergences, renderTable, summarise, unmetThresholds } from './fidelity/report.ts';
import { replayCassette } from './fidelity/replay.ts';

const RECORDINGS = join(import.meta.dirname, '..', '..', 'shared', 'recordings', 'terraform-provider-auth0');

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    write: { type: 'string' },
    json: { type: 'string' },
    check: { type: 'boolean' },
    divergences: { type: 'boolean' },
  },
});

if (!existsSync(RECORDINGS)) {
  process.stdout.write(
    'fidelity: skipped (no recordings at ../shared/recordings/terraform-provider-auth0)\n',
  );
  process.exit(0);
}

const started = Date.now();
const cassettes = readCassettes(RECORDINGS, values.only ? new RegExp(values.only) : undefined);
// A few at once: each has its own emulator, and the replay waits on loopback round trips.
const limit = pLimit(4);
const replayed = await Promise.all(cassettes.map((cassette) => limit(() => replayCassette(cassette))));
const report = summarise(replayed);
const seconds = ((Date.now() - started) / 1000).toFixed(1);
const table = renderTable(report);
const heading = `Replayed ${replayed.length} cassettes, ${report.total.requests} requests, in ${seconds} s.`;
process.stdout.write(`${heading}\n\n${table}\n`);
if (values.divergences) process.stdout.write(`\n${renderDivergences(report)}\n`);
if (values.json) writeFileSync(values.json, JSON.stringify(replayed, null, 1));
if (values.write) {
  writeFileSync(
    values.write,
    [
      '# Emulator fidelity',
      '',
      'Written by `npm run fidelity -- --write FIDELITY.md` (`tools/fidelity.ts`): each go-vcr cassette in',
      '`../shared/recordings/terraform-provider-auth0/` (real Management API traffic recorded by the',
      "Terraform provider's acceptance tests) is replayed in order against a fresh emulator over HTTP;",
      "recorded ids are mapped to the emulator's by walking both answers.",
      '',
      '- **status equal**: the emulator answered the status code the real tenant did.',
      '- **no route** / **recorded-tenant ids**: status differences where the emulator has no such',
      '  operation, or the path names an object that existed in the recorded tenant before the test.',
      "- **fields returned**: where both succeeded, the share of the recorded answer's fields (object",
      "  keys at every depth) that the emulator's answer has. List elements that are the recorded",
      "  tenant's own objects (ids never created in the replay) are left out.",
      '- **values echoed**: of the values a write sent that the real API echoed back unchanged, the',
      '  share the emulator echoed unchanged too.',
      '- **managed**: areas of the types tenantform manages (held to 90% each).',
      '',
      heading,
      '',
      table,
      '',
      '## First divergence per cassette',
      '',
      renderDivergences(report),
      '',
    ].join('\n'),
  );
}
if (values.check) {
  const unmet = unmetThresholds(report);
  if (unmet.length > 0) {
    process.stdout.write(`\nfidelity: thresholds not met:\n${unmet.map((u) => `- ${u}`).join('\n')}\n`);
    process.exit(1);
  }
  process.stdout.write('\nfidelity: thresholds met\n');
}
