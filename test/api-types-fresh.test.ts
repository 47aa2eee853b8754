// The committed src/api/schema.ts must be what `npm run gen:api` makes of the API document today.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCUMENT, GENERATED_TYPES, generateApiTypes } from '../tools/gen-api-types.ts';

describe('generated API types', () => {
  it.skipIf(!existsSync(API_DOCUMENT))(
    'src/api/schema.ts is fresh (run `npm run gen:api` if this fails)',
    async () => {
      const expected = await generateApiTypes();
      const committed = readFileSync(GENERATED_TYPES, 'utf8');
      // Compare by equality first so a failure does not dump a multi-megabyte diff.
      const fresh = committed === expected;
      expect(fresh, 'src/api/schema.ts is stale: run `npm run gen:api` and commit it').toBe(true);
    },
    60_000,
  );
});
