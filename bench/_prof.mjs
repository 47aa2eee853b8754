import { loadValidatedConfig } from '../dist/commands/build-plan.js';
import { adapters } from '../dist/resources/index.js';
const dir = process.argv[2];
for (let i=0;i<3;i++){ const t = process.cpuUsage(); loadValidatedConfig({ configPaths: [dir], adapters, env: {} }); const v = process.cpuUsage(t); console.log('load', (v.user+v.system)/1000); }
