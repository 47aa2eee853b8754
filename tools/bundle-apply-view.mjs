// Build step (npm run build, after tsc): bundles the terminal view with ink and React into
// dist/ui/apply-view.bundle.js, which the installed package loads instead of ink's module
// graph (see src/ui/apply-view-modules.ts for the measured cost). React's production build is
// chosen at bundle time; ink's devtools (DEV=true only, needs react-devtools-core, not a
// dependency) are left out.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/ui/apply-view-modules.ts'],
  outfile: 'dist/ui/apply-view.bundle.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // CJS dependencies (react, react-reconciler, signal-exit) call require() for node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  plugins: [
    {
      name: 'no-devtools',
      setup(b) {
        b.onResolve({ filter: /^react-devtools-core$/ }, () => ({
          path: 'react-devtools-core',
          namespace: 'stub',
        }));
        b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
          contents: 'export default {};',
          loader: 'js',
        }));
      },
    },
  ],
  logLevel: 'warning',
});
