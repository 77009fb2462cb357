import { resolve } from 'node:path';
import { runCheck } from './k8s-check';

// `npm run k8s:check [-- --k8s-dir <dir>]`: renders every overlay, validates every object against
// its schema and cross-checks the manifests with the apps. Exit 1 on any finding.
const root = resolve(__dirname, '../../..');
const dirFlag = process.argv.indexOf('--k8s-dir');
const k8sDir = dirFlag > 0 ? resolve(process.argv[dirFlag + 1] ?? '') : undefined;

const result = runCheck({ root, ...(k8sDir ? { k8sDir } : {}) });
for (const finding of result.findings) console.log(`FAIL ${finding.where}: ${finding.message}`);
const rendered = result.overlays.map((o) => `${o.name} (${o.objects} objects)`).join(', ') || 'none';
console.log(`k8s-check: overlays rendered: ${rendered}; ${result.findings.length} finding(s)`);
console.log(result.findings.length === 0 ? 'k8s-check: OK' : 'k8s-check: FAILED');
process.exit(result.findings.length === 0 ? 0 : 1);
