// Objects tenantform keeps in the tenant for itself (there is no state file): resource servers
// with identifiers of its own. They are no configuration of the user's: never planned,
// exported or deleted.

const PREFIX = 'urn:tenantform:';
/** The apply lock (src/apply/tenant-lock.ts). */
export const LOCK_IDENTIFIER = `${PREFIX}apply-lock`;
/** The digests of write-only secrets (src/apply/secret-digests.ts). */
export const DIGESTS_IDENTIFIER = `${PREFIX}secret-digests`;

export function isTenantformObject(raw: Record<string, unknown>): boolean {
  return typeof raw.identifier === 'string' && raw.identifier.startsWith(PREFIX);
}
