import {
  closeSync,
  fchmodSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { EmulatorDataError } from './data-file-error.ts';
import { lockDataFile } from './data-lock.ts';
import { decodeTenant, describeChange, encodeChange, encodeHeader } from './data-format.ts';
import type { Change, TenantStore } from './tenant-store.ts';

/** Rewrite the file once the records appended since the last rewrite outgrow it (and this). */
const COMPACT_AFTER_BYTES = 1 << 20;
const WRITE_CHUNK_BYTES = 1 << 20;
/** Owner read/write only: the tenant holds every client secret in clear. */
const FILE_MODE = 0o600;

/**
 * The tenant's `--data` file, held for as long as the emulator runs (see data-format.ts for
 * the layout). Every change is appended synchronously when its batch ends (`store.changed()`,
 * which the server calls before it replies), so a write that got a 2xx is in the file even if
 * the process is killed right after; the cost is proportional to what changed. Once the
 * appended records outgrow the file they follow, it is rewritten whole (temporary file,
 * fsync, rename: a crash leaves the old file or the new one). A change that cannot be
 * written is reported and never blocks the ones after it; after a failed write the next
 * batch rewrites the file whole, so a torn append never stays in it.
 */
export class DataFile {
  private store: TenantStore | undefined;
  private fd: number | undefined;
  private queue: string[] = [];
  private appendedBytes = 0;
  private baseBytes: number;
  private needsRewrite: boolean;
  private scheduled = false;
  private closed = false;
  private problem: string | undefined;

  private constructor(
    readonly file: string,
    /** The tenant the file held; undefined when there was none yet. */
    readonly loaded: TenantStore | undefined,
    needsRewrite: boolean,
    size: number,
    private readonly releaseLock: () => void,
  ) {
    this.needsRewrite = needsRewrite;
    this.baseBytes = size;
  }

  /** Locks the file and reads the tenant in it; throws EmulatorDataError when it cannot be used. */
  static open(file: string): DataFile {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const release = lockDataFile(file);
    try {
      let text: string | undefined;
      try {
        text = readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
          throw new EmulatorDataError(file, `cannot be read (${(error as Error).message})`);
      }
      const decoded = text === undefined ? undefined : decodeTenant(text, file);
      if (decoded?.tornTail) {
        warn(
          `${file}: its last record was cut short (the previous run stopped while writing it); ignored it`,
        );
      }
      return new DataFile(file, decoded?.store, decoded?.rewrite ?? true, text?.length ?? 0, release);
    } catch (error) {
      release();
      throw error;
    }
  }

  /** Records `store` in the file from now on: the tenant loaded from it, or a fresh one that replaces it. */
  persist(store: TenantStore): void {
    this.store = store;
    store.onChange((change) => this.enqueue(change));
    store.onCommit(() => this.commit());
    if (this.needsRewrite) {
      this.rewrite();
      return;
    }
    try {
      this.openForAppend();
    } catch (error) {
      throw new EmulatorDataError(this.file, `cannot be written (${(error as Error).message})`, '');
    }
  }

  /** Writes the changes queued so far (the server calls this through `store.changed()`). */
  commit(): void {
    if (this.closed || !this.store) return;
    if (this.needsRewrite) {
      this.rewrite();
      return;
    }
    if (this.queue.length === 0) return;
    const text = this.queue.join('');
    this.queue = [];
    try {
      this.fd ??= this.openForAppend();
      writeFully(this.fd, text);
      this.appendedBytes += text.length;
      this.recovered();
    } catch (error) {
      this.failed(error);
      this.needsRewrite = true;
      return;
    }
    if (this.appendedBytes > Math.max(COMPACT_AFTER_BYTES, this.baseBytes)) this.rewrite();
  }

  /** Writes what is pending and lets the file go (closes it, releases the lock). */
  close(): void {
    if (this.closed) return;
    this.commit();
    if (this.problem) warn(`${this.file} may be missing changes made since: ${this.problem}`);
    this.closed = true;
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    this.releaseLock();
  }

  private enqueue(change: Change): void {
    try {
      this.queue.push(encodeChange(change));
    } catch (error) {
      warn(
        `cannot save ${describeChange(change)} in ${this.file} (${(error as Error).message}); it is kept in memory only`,
      );
    }
    // Changes made outside a request (startup, tests preparing state) are written soon after.
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => {
        this.scheduled = false;
        this.commit();
      });
    }
  }

  private openForAppend(): number {
    const fd = openSync(this.file, 'a', FILE_MODE);
    fchmodSync(fd, FILE_MODE); // files written by earlier versions were world-readable
    this.fd = fd;
    return fd;
  }

  /** The whole tenant into a temporary file, fsynced, renamed over the file. */
  private rewrite(): void {
    const store = this.store!;
    this.queue = []; // everything queued is in the rewrite
    const temporary = `${this.file}.${process.pid}.tmp`;
    let fd: number | undefined;
    try {
      fd = openSync(temporary, 'w', FILE_MODE);
      fchmodSync(fd, FILE_MODE);
      let chunk = encodeHeader(store.signingSecret);
      let bytes = 0;
      for (const change of store.contents()) {
        try {
          chunk += encodeChange(change);
        } catch (error) {
          warn(
            `cannot save ${describeChange(change)} in ${this.file} (${(error as Error).message}); it is kept in memory only`,
          );
        }
        if (chunk.length >= WRITE_CHUNK_BYTES) {
          bytes += writeFully(fd, chunk);
          chunk = '';
        }
      }
      bytes += writeFully(fd, chunk);
      fsyncSync(fd);
      closeSync(fd);
      fd = undefined;
      renameSync(temporary, this.file);
      if (this.fd !== undefined) closeSync(this.fd);
      this.fd = undefined;
      this.openForAppend();
      this.baseBytes = bytes;
      this.appendedBytes = 0;
      this.needsRewrite = false;
      this.recovered();
    } catch (error) {
      if (fd !== undefined) closeSync(fd);
      try {
        unlinkSync(temporary);
      } catch {}
      this.failed(error);
      this.needsRewrite = true;
    }
  }

  /** Says once why the file is behind the tenant in memory (which stays right). */
  private failed(error: unknown): void {
    const message = (error as Error).message;
    if (message !== this.problem)
      warn(`could not write ${this.file} (${message}); will rewrite it whole at the next change`);
    this.problem = message;
  }

  private recovered(): void {
    if (this.problem === undefined) return;
    this.problem = undefined;
    warn(`${this.file} is up to date again`);
  }
}

/** Returns the bytes written: all of them, or it throws. */
function writeFully(fd: number, text: string): number {
  const buffer = Buffer.from(text, 'utf8');
  let offset = 0;
  while (offset < buffer.length) offset += writeSync(fd, buffer, offset);
  return buffer.length;
}

function warn(message: string): void {
  process.stderr.write(`emulator: ${message}\n`);
}
