// The apply progress as an ink view for a terminal: finished changes scroll up once and stay
// (Static), running ones have a spinner, then rate-limit waits and the counts.

import { Box, Static, Text } from 'ink';
import { useEffect, useState } from 'react';
import type { ApplySnapshot, ChangeProgress } from './apply-state.ts';
import { describeProgress, describeRateLimitWait } from './apply-state.ts';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const STATUS_COLOR = {
  done: 'green',
  failed: 'red',
  skipped: 'yellow',
  pending: 'gray',
  running: 'cyan',
} as const;

export interface ApplyViewSource {
  snapshot(): ApplySnapshot;
  subscribe(listener: () => void): () => void;
  now(): number;
}

/**
 * `final` is the last snapshot, rendered synchronously just before the view unmounts: a state
 * update from a listener would land after the unmount, leaving a stale frame ("1 running").
 */
export function ApplyView({ source, final }: { source: ApplyViewSource; final?: ApplySnapshot }) {
  const [current, setSnapshot] = useState(() => source.snapshot());
  const snapshot = final ?? current;
  const [frame, setFrame] = useState(0);
  useEffect(() => source.subscribe(() => setSnapshot(source.snapshot())), [source]);
  useEffect(() => {
    // The tick also ends the rate-limit notice once its wait is over.
    const timer = setInterval(() => {
      setFrame((f) => (f + 1) % SPINNER.length);
      setSnapshot(source.snapshot());
    }, 80);
    return () => clearInterval(timer);
  }, [source]);
  return <ApplyFrame snapshot={snapshot} spinner={SPINNER[frame] as string} now={source.now()} />;
}

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
  return (
    <>
      <Static items={snapshot.finished}>
        {(change: ChangeProgress) => (
          <Text key={`${change.address}:${change.status}`} color={STATUS_COLOR[change.status]}>
            {describeProgress(change)}
          </Text>
        )}
      </Static>
      <Box flexDirection="column">
        {snapshot.running.map((change) => (
          <Text key={change.address}>
            <Text color="cyan">{spinner}</Text> {describeProgress(change)}
          </Text>
        ))}
        {snapshot.rateLimitedUntil !== undefined && snapshot.rateLimitedUntil > now ? (
          <Text color="yellow">{describeRateLimitWait(snapshot.rateLimitedUntil - now)}</Text>
        ) : null}
        <Text dimColor>
          {counts.done + counts.failed + counts.skipped}/{total} finished · {counts.done} done ·{' '}
          {counts.failed} failed · {counts.skipped} skipped · {counts.running} running
        </Text>
      </Box>
    </>
  );
}
