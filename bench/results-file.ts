import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const RESULTS = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/**
 * Replaces the section of RESULTS.md that starts with `heading` (e.g. `## Emulator`) up to the
 * next "## " heading, keeping every other section; appends it when there is none yet.
 */
export function writeResultsSection(heading: string, section: string): void {
  const current = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmarks\n';
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l === heading || l.startsWith(`${heading} `));
  let next: string;
  if (start === -1) {
    next = `${current.replace(/\n*$/, '')}\n\n${section}`;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\n*$/, '');
    const after = lines.slice(end).join('\n');
    next = `${before ? `${before}\n\n` : ''}${section.replace(/\n*$/, '\n')}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(RESULTS, next.endsWith('\n') ? next : `${next}\n`);
}
