// tenantform unlock: breaks the tenant's apply lock, for when the apply that held it is gone
// (killed, its machine lost) and waiting for the lock to expire is not an option.

import { breakTenantLock, describeOwner } from '../apply/tenant-lock.ts';
import { LOCK_IDENTIFIER } from '../apply/tenantform-objects.ts';
import type { CommonOptions, Output } from './common-options.ts';
import { reportError } from './report-error.ts';
import { DEFAULT_EMBEDDED_DATA, openTarget, type Target } from './target.ts';

export async function runUnlock(opts: CommonOptions, out: Output): Promise<number> {
  let target: Target | undefined;
  try {
    target = await openTarget({ env: opts.env, embeddedDataFile: DEFAULT_EMBEDDED_DATA });
    const broken = await breakTenantLock(target.api);
    if (!broken) {
      out.stderr(`${target.description}: no apply lock is held (nothing to do).`);
      return 0;
    }
    const whose = broken.owner ? describeOwner(broken.owner) : `unreadable (${LOCK_IDENTIFIER})`;
    out.stderr(
      `Broke the apply lock of ${target.description}; it was held by ${whose}. ` +
        'If that apply is in fact still running, it may leave its work half done: run `tenantform plan` once it stops.',
    );
    return 0;
  } catch (error) {
    return reportError(error, out);
  } finally {
    await target?.close();
  }
}
