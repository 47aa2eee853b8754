/** Segments that are ids or keys rather than names of things (when no template says which). */
const ID_LIKE = [
  /^[a-z]{2,6}_[A-Za-z0-9]{8,}$/, // con_…, rol_…, org_…, cgr_…
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, // actions, versions
  /^[0-9a-f]{24}$/, // resource servers
  /^[A-Za-z0-9]{32}$/, // clients
  /^\d+$/,
  /[|@:]/, // users (auth0|…), emails, identifiers
];

/**
 * The API area of a request, from the operation's path template when one matches (its static
 * segments, at most two: `organizations/members`, `attack-protection/brute-force-protection`),
 * else from the path with id-like segments dropped.
 */
export function areaOf(path: string, template: string | undefined): string {
  const segments = (template ?? path).split('/').filter(Boolean);
  const names = segments.filter((segment) => {
    if (template) return !segment.startsWith('{');
    let decoded = segment;
    try {
      decoded = decodeURIComponent(segment);
    } catch {}
    return !ID_LIKE.some((pattern) => pattern.test(decoded));
  });
  return names.slice(0, 2).join('/') || '(root)';
}
