/**
 * The `--data` file (or the embedded emulator's `.tenantform/emulator-tenant.json`) cannot be
 * used: unreadable, not emulator data, or held by another running emulator. The message names
 * the file, what is wrong with it and what to do; commands print it and exit 1.
 */
export class EmulatorDataError extends Error {
  constructor(
    readonly file: string,
    problem: string,
    remedy = 'Move it away (or delete it) to start from a fresh tenant.',
  ) {
    super(`emulator data ${file}: ${problem}.${remedy ? ` ${remedy}` : ''}`);
    this.name = 'EmulatorDataError';
  }
}
