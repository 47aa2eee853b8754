// The committed src/api/operation-index.ts must be what `npm run gen:index` makes of the API document today.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_DOCUMENT, GENERATED_INDEX, renderOperationIndex } from '../tools/gen-operation-index.ts';

describe('generated operation index', () => {
  it.skipIf(!existsSync(API_DOCUMENT))(
    'src/api/operation-index.ts is fresh (run `npm run gen:index` if this fails)',
    () => {
      const fresh = readFileSync(GENERATED_INDEX, 'utf8') === renderOperationIndex();
      expect(fresh, 'src/api/operation-index.ts is stale: run `npm run gen:index` and commit it').toBe(true);
    },
    60_000,
  );
});
