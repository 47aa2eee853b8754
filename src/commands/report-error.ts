// One way to tell the user a command failed: what went wrong, where, and nothing secret
// (API errors carry the API's message, never our request body).

import { ApiError } from '../api/api-error.ts';
import { ConfigError } from '../config/load.ts';
import type { Output } from './common-options.ts';

export function reportError(error: unknown, out: Output): number {
  if (error instanceof ConfigError) {
    out.stderr(`Error: ${error.message}`);
  } else if (error instanceof ApiError) {
    out.stderr(`Error: the Management API refused ${error.summary}`);
  } else {
    out.stderr(`Error: ${error instanceof Error ? error.message : String(error)}`);
  }
  return 1;
}
