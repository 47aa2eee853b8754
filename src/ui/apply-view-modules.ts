// Everything the terminal view needs at run time, in one module: the entry point of the
// bundle the build makes (tools/bundle-apply-view.mjs → dist/ui/apply-view.bundle.js).
// Loading ink through its ~100 modules costs ~0.7 s CPU (es-toolkit/compat alone ~0.27 s for
// the one throttle ink uses; CJS lexing of react-reconciler); the tree-shaken bundle ~0.16 s.
export { render } from 'ink';
export { createElement } from 'react';
export { ApplyFrame, SPINNER } from './apply-view.tsx';
