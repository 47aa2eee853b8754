export { describeEmulator, parseEmulatorArgs, runEmulatorCommand } from './command.ts';
export { type EmulatorOptions, type RunningEmulator, startEmulator } from './server.ts';
