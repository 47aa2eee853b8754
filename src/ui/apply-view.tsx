// The apply progress as an ink frame for a terminal: a window of the latest finished changes,
// the running ones with a spinner, a rate-limit wait, then the totals. Its size does not grow
// with the plan, so drawing it costs the same at the 5th change and the 5,000th; the driver
// (apply-progress.ts) redraws it at a bounded rate, not per event.

import { Box, Text } from 'ink';
import type { ApplySnapshot } from './apply-state.ts';
import { describeProgress, describeRateLimitWait } from './apply-state.ts';

export const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
/** Running changes listed by name; more (a high --concurrency) are counted. */
const RUNNING_SHOWN = 10;
const STATUS_COLOR = {
  done: 'green',
  failed: 'red',
  skipped: 'yellow',
  pending: 'gray',
  running: 'cyan',
} as const;

/** One frame of the view; stateless so it can be rendered to a string in tests. */
export function ApplyFrame({
  snapshot,
  spinner,
  now,
}: {
  snapshot: ApplySnapshot;
  spinner: string;
  now: number;
}) {
  const { counts, total } = snapshot;
  const running = snapshot.running.slice(0, RUNNING_SHOWN);
  const unlisted = snapshot.running.length - running.length;
  return (
    <Box flexDirection="column">
      {snapshot.recent.map((change) => (
        <Text key={change.address} color={STATUS_COLOR[change.status]}>
          {describeProgress(change)}
        </Text>
      ))}
      {running.map((change) => (
        <Text key={change.address}>
          <Text color="cyan">{spinner}</Text> {describeProgress(change)}
        </Text>
      ))}
      {unlisted > 0 ? <Text color="cyan">… and {unlisted} more running</Text> : null}
      {snapshot.rateLimitedUntil !== undefined && snapshot.rateLimitedUntil > now ? (
        <Text color="yellow">{describeRateLimitWait(snapshot.rateLimitedUntil - now)}</Text>
      ) : null}
      <Text dimColor>
        {counts.done + counts.failed + counts.skipped}/{total} finished · {counts.done} done · {counts.failed}{' '}
        failed · {counts.skipped} skipped · {counts.running} running
      </Text>
    </Box>
  );
}
