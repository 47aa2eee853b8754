// Line differences between two versions of a long text (action code, email templates), so a
// plan shows what changed in the code instead of only "a string differs".

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
  if (a.length * b.length > MAX_CELLS) return undefined;

  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const full: TextDiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      full.push({ op: ' ', line: a[i] as string });
      i++;
      j++;
    } else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Removals before additions, as in a unified diff.
      full.push({ op: '-', line: a[i] as string });
      i++;
    } else {
      full.push({ op: '+', line: b[j] as string });
      j++;
    }
  }

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
