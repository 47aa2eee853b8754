// The longest common subsequence of two sequences, as the steps that turn one into the
// other: what both the line diff of long text and the element diff of arrays are built on.

/** One step: an element kept (both indices), removed (before only) or added (after only). */
export interface AlignmentStep {
  before?: number;
  after?: number;
}

/**
 * The steps from `a` to `b`, removals before additions as in a unified diff; undefined when
 * `a.length * b.length` exceeds `maxCells` (the table would be too big for a plan).
 */
export function alignSequences(
  a: readonly string[],
  b: readonly string[],
  maxCells: number,
): AlignmentStep[] | undefined {
  if (a.length * b.length > maxCells) return undefined;
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const steps: AlignmentStep[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) steps.push({ before: i++, after: j++ });
    else if (i < a.length && (j === b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!))
      steps.push({ before: i++ });
    else steps.push({ after: j++ });
  }
  return steps;
}
