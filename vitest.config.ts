import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Test files share each worker's modules instead of loading them afresh: the first
    // command in a process compiles the config schema and loads the API document (seconds),
    // and once per worker is enough. Tests keep no module state of their own (each starts
    // its own emulator and temp directories), so sharing changes no outcome; it halves the run.
    isolate: false,
  },
});
