#!/usr/bin/env node
// The installed package ships the compiled dist/ only. A checkout has src/ beside bin/: run
// the sources through tsx there, so an edit needs no build step (tsx is a dev dependency).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const sources = new URL('../src/cli.ts', import.meta.url);
let main;
if (existsSync(sources)) {
  const { register } = await import('tsx/esm/api');
  // Our tsconfig, not the one of whatever directory the user runs in (it sets up JSX for ink).
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
  ({ main } = await import(sources.href));
} else {
  ({ main } = await import('../dist/cli.js'));
}
try {
  process.exitCode = await main(process.argv.slice(2));
  // An interrupted apply may have given up on requests still in flight: do not wait for them.
  if (process.exitCode === 130) process.exit(130);
} catch (error) {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
