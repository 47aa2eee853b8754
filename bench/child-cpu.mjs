// Loaded with `node --import` into a tenantform child process by bench/scale.ts: writes the
// process's own CPU time (µs, user and system) to BENCH_CPU_FILE as it exits, so the figure is
// tenantform's alone, not the emulator's or the pseudo-terminal's.
import { writeFileSync } from 'node:fs';

process.on('exit', () => {
  const { user, system } = process.cpuUsage();
  if (process.env.BENCH_CPU_FILE) writeFileSync(process.env.BENCH_CPU_FILE, JSON.stringify({ user, system }));
});
