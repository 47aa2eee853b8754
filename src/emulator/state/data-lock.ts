import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { EmulatorDataError } from './data-file-error.ts';

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

/** Files this process holds, so a second emulator in the same process is refused too. */
const heldHere = new Set<string>();

/**
 * Takes `FILE.lock` for as long as this emulator runs: two emulators appending to one data file
 * would interleave their changes into a tenant neither of them had. The lock file is created
 * exclusively (`wx`) and names its owner; one whose process is gone (killed, crashed) is stale
 * and taken over. Returns the release function (also run when the process exits).
 */
export function lockDataFile(file: string): () => void {
  const lockFile = `${file}.lock`;
  if (heldHere.has(file)) throw inUse(file, lockFile, { pid: process.pid, host: hostname(), since: '' });
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  if (!createLock(file, lockFile, owner)) {
    const current = readOwner(lockFile);
    if (current && isAlive(current)) throw inUse(file, lockFile, current);
    unlinkQuietly(lockFile); // stale: its process is gone
    if (!createLock(file, lockFile, owner)) throw inUse(file, lockFile, readOwner(lockFile));
  }
  heldHere.add(file);
  const release = () => {
    if (!heldHere.delete(file)) return;
    process.removeListener('exit', release);
    if (readOwner(lockFile)?.pid === process.pid) unlinkQuietly(lockFile);
  };
  process.on('exit', release);
  return release;
}

/** Creates the lock file naming us; false when it exists already. */
function createLock(file: string, lockFile: string, owner: LockOwner): boolean {
  let fd: number;
  try {
    fd = openSync(lockFile, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new EmulatorDataError(file, `cannot create ${lockFile}: ${(error as Error).message}`, '');
  }
  try {
    writeSync(fd, `${JSON.stringify(owner)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readOwner(lockFile: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(readFileSync(lockFile, 'utf8')) as LockOwner;
    return typeof owner?.pid === 'number' ? owner : undefined;
  } catch {
    return undefined; // unreadable or half-written: treated as stale
  }
}

/** Alive unless its process is certainly gone: another host's lock, or a pid that answers, counts as held. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  // Our own pid in a lock we do not hold is a leftover of an earlier process that had it.
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function inUse(file: string, lockFile: string, owner: LockOwner | undefined): EmulatorDataError {
  const who = owner
    ? `process ${owner.pid} on ${owner.host}${owner.since ? `, since ${owner.since}` : ''}`
    : 'another process';
  return new EmulatorDataError(
    file,
    `is in use by another running emulator: ${who}`,
    `Wait for it to finish (or stop it); if none is running, delete ${lockFile}.`,
  );
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {}
}
