import type { ResourceModule } from '../engine/context.ts';

/**
 * Supplemental signals (TestAccSupplementalSignals.yaml: PATCH {akamai_enabled} answers the
 * same): a new tenant has no CDN signals switched on.
 */
export const supplementalSignals: ResourceModule = {
  collection: '/supplemental-signals',
  defaults: () => ({ akamai_enabled: false }),
};
