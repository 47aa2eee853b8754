import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { open, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { TenantStore, type StoreSnapshot } from './tenant-store.ts';

export function readStoreFile(file: string): TenantStore | undefined {
  if (!existsSync(file)) return undefined;
  return TenantStore.fromSnapshot(JSON.parse(readFileSync(file, 'utf8')) as StoreSnapshot);
}

/**
 * Writes the store after changes, coalescing bursts into one write at a time. Each write goes
 * to a temporary file that is fsynced and renamed over the target, so a crash leaves either
 * the old or the new tenant, never a torn file.
 */
export class StoreWriter {
  private dirty = false;
  private writing: Promise<void> | undefined;

  constructor(
    private readonly store: TenantStore,
    private readonly file: string,
  ) {
    mkdirSync(dirname(file), { recursive: true });
    store.onChange(() => this.schedule());
  }

  private schedule(): void {
    this.dirty = true;
    this.writing ??= this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.dirty) {
        this.dirty = false;
        await writeAtomically(this.file, JSON.stringify(this.store.snapshot()));
      }
    } catch (error) {
      // The tenant in memory is still right; say why the file is behind rather than crash.
      process.stderr.write(`emulator: could not write ${this.file}: ${(error as Error).message}\n`);
    } finally {
      this.writing = undefined;
    }
  }

  /** Resolves when everything changed so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }
}

async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  const handle = await open(temporary, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temporary, file);
}
