#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so there is no build step to forget.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

// Our tsconfig, not the one of whatever directory the user runs in (it sets up JSX for ink).
register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli.ts');
try {
  process.exitCode = await main(process.argv.slice(2));
  // An interrupted apply may have given up on requests still in flight: do not wait for them.
  if (process.exitCode === 130) process.exit(130);
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
