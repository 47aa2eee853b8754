// Probe of the terminal view's fixed and per-frame cost, in a fresh node process (no tsx):
// CPU of importing ink and React (INK=<file> imports that instead, e.g. the build's bundle
// dist/ui/apply-view.bundle.js), of the first frame and of each of 50 frames of 16 lines
// (MODE=one: one <Text> for the frame, default one per line). V8FLAGS: flags set first.
// Run: node bench/ink-cost.mjs (a few times; figures in /work/notes/tty.md).
import v8 from 'node:v8';
import { PassThrough } from 'node:stream';
if (process.env.V8FLAGS) v8.setFlagsFromString(process.env.V8FLAGS);
process.env.NODE_ENV = 'production';
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const t0 = cpu();
const [ink, React] = await Promise.all([import(process.env.INK ?? 'ink'), import('react')]);
const t1 = cpu();
const out = Object.assign(new PassThrough(), { columns: 120, rows: 40, isTTY: true });
out.resume();
const lines = (i) => Array.from({ length: 16 }, (_, j) => `+ clients.app-${i}-${j} … created (12 ms)`);
const mode = process.env.MODE ?? 'many';
const frame = (i) =>
  mode === 'one'
    ? React.createElement(ink.Text, null, lines(i).join('\n'))
    : React.createElement(
        ink.Box,
        { flexDirection: 'column' },
        lines(i).map((l, j) => React.createElement(ink.Text, { key: j, color: 'green' }, l)),
      );
const app = ink.render(frame(0), { stdout: out, patchConsole: false, exitOnCtrlC: false, maxFps: 1000 });
const t2 = cpu();
const N = 50;
for (let i = 1; i <= N; i++) {
  app.rerender(frame(i));
  await new Promise((r) => setTimeout(r, 2));
}
const t3 = cpu();
app.unmount();
await new Promise((r) => setTimeout(r, 50));
const t4 = cpu();
console.log(
  JSON.stringify({
    importMs: Math.round(t1 - t0),
    firstMs: Math.round(t2 - t1),
    perFrameMs: +((t3 - t2) / N).toFixed(2),
    totalMs: Math.round(t4),
  }),
);
