// Line differences between two versions of a long text (action code, email templates), so a
// plan shows what changed in the code instead of only "a string differs".

import { alignSequences } from './alignment.ts';

export interface TextDiffLine {
  op: ' ' | '+' | '-' | '…';
  line: string;
}

/** Beyond this many line comparisons the LCS table is too big for a plan: summarise instead. */
const MAX_CELLS = 4_000_000;

/**
 * The changed lines with `context` unchanged lines around each change; runs of unchanged
 * lines in between become one `…`. Undefined when the texts are too long to compare.
 */
export function diffLines(before: string, after: string, context = 2): TextDiffLine[] | undefined {
  const a = before.split('\n');
  const b = after.split('\n');
  const steps = alignSequences(a, b, MAX_CELLS);
  if (!steps) return undefined;
  const full: TextDiffLine[] = steps.map((step) =>
    step.after === undefined
      ? { op: '-', line: a[step.before!] as string }
      : step.before === undefined
        ? { op: '+', line: b[step.after] as string }
        : { op: ' ', line: a[step.before] as string },
  );

  const near = full.map((_, k) =>
    full.slice(Math.max(0, k - context), k + context + 1).some((l) => l.op !== ' '),
  );
  const shown: TextDiffLine[] = [];
  full.forEach((l, k) => {
    if (near[k]) shown.push(l);
    else if (shown.at(-1)?.op !== '…') shown.push({ op: '…', line: '' });
  });
  return shown;
}
