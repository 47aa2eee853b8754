// Ctrl-C during apply. The first SIGINT asks the run to stop: nothing new starts, what is in
// flight may finish (bounded), the run reports and releases the tenant's lock. A second one
// is a person who will not wait: the process exits at once.

export const INTERRUPT_EXIT_CODE = 130;
/** How long changes in flight may take to finish after the first Ctrl-C. */
export const IN_FLIGHT_GRACE_MS = 20_000;

export interface InterruptWatch {
  /** Aborted by the first SIGINT. */
  signal: AbortSignal;
  /** Resolves at the first SIGINT (for waits that should stop then, such as the prompt). */
  interrupted: Promise<void>;
  /** Removes the handler: SIGINT is the default again. */
  dispose(): void;
}

export function watchInterrupts(say: (text: string) => void): InterruptWatch {
  const controller = new AbortController();
  let resolveInterrupted: () => void = () => {};
  const interrupted = new Promise<void>((resolve) => {
    resolveInterrupted = resolve;
  });
  const onSigint = () => {
    if (controller.signal.aborted) {
      say(
        'Interrupted again: stopping at once. Changes in flight may or may not have happened, and the ' +
          "tenant's apply lock is left behind: run `tenantform unlock`, then `tenantform plan`.",
      );
      process.exit(INTERRUPT_EXIT_CODE);
    }
    say(
      `Interrupted: starting nothing new; changes in flight may take up to ${IN_FLIGHT_GRACE_MS / 1000} s ` +
        'to finish. Press Ctrl-C again to stop at once.',
    );
    controller.abort();
    resolveInterrupted();
  };
  process.on('SIGINT', onSigint);
  return {
    signal: controller.signal,
    interrupted,
    dispose: () => process.off('SIGINT', onSigint),
  };
}
