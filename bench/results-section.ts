import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/** Replaces the `## <heading>` section of a Markdown file (up to the next `## `), keeping the rest. */
export function replaceSection(file: string, heading: string, section: string): void {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const lines = current.split('\n');
  const start = lines.findIndex((l) => l === `## ${heading}` || l.startsWith(`## ${heading} `));
  let next: string;
  if (start === -1) {
    next = `${current.replace(/\n*$/, '')}\n\n${section}`;
  } else {
    let end = lines.findIndex((l, i) => i > start && /^## /.test(l));
    if (end === -1) end = lines.length;
    const before = lines.slice(0, start).join('\n').replace(/\n*$/, '');
    const after = lines.slice(end).join('\n');
    next = `${before ? `${before}\n\n` : ''}${section}${after ? `\n${after}` : ''}`;
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}
