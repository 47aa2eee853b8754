import type { Random } from '../state/random.ts';

export type Fault = { kind: 'none' } | { kind: 'status'; status: 500 | 503 } | { kind: 'drop' };

/**
 * Injected unreliability: a share of requests fail (500, 503 or a dropped connection, in equal
 * parts) and every request can be delayed by `latencyMs` ± 50% jitter. One seeded source makes
 * a run reproducible.
 */
export class FaultInjector {
  constructor(
    private readonly faultRate: number,
    private readonly latencyMs: number,
    private readonly random: Random,
  ) {}

  delayMs(): number {
    if (this.latencyMs <= 0) return 0;
    return Math.round(this.latencyMs * (0.5 + this.random()));
  }

  next(): Fault {
    if (this.faultRate <= 0 || this.random() >= this.faultRate) return { kind: 'none' };
    const pick = Math.floor(this.random() * 3);
    if (pick === 0) return { kind: 'status', status: 500 };
    if (pick === 1) return { kind: 'status', status: 503 };
    return { kind: 'drop' };
  }
}
