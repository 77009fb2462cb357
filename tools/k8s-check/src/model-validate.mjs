// Validates Kubernetes, KEDA and Prometheus Operator objects with the kubernetes-models packages,
// whose validators are generated from the upstream OpenAPI/CRD schemas. An .mjs file run as its own
// process because those packages are ES modules only and the rest of the repo is CommonJS.
// stdin: [{ id, apiVersion, kind, object }]  stdout: [{ id, message }]
import { readFileSync } from 'node:fs';

const PACKAGES = [
  [/^keda\.sh\//, '@kubernetes-models/keda/'],
  [/^monitoring\.coreos\.com\//, '@kubernetes-models/prometheus-operator/'],
  [/^(v1|apps\/|policy\/|autoscaling\/|batch\/|[a-z.]+\.k8s\.io\/)/, 'kubernetes-models/'],
];

function modulePath(apiVersion, kind) {
  const hit = PACKAGES.find(([pattern]) => pattern.test(apiVersion));
  return hit ? `${hit[1]}${apiVersion}/${kind}` : undefined;
}

async function validate({ id, apiVersion, kind, object }) {
  const path = modulePath(apiVersion, kind);
  if (!path) return { id, message: `no schema for ${apiVersion} ${kind}` };
  let Model;
  try {
    Model = (await import(path))[kind];
  } catch {
    return { id, message: `no schema for ${apiVersion} ${kind} (${path})` };
  }
  try {
    new Model(object).validate();
    return undefined;
  } catch (error) {
    return { id, message: `schema: ${error.message}` };
  }
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const results = await Promise.all(input.map(validate));
process.stdout.write(JSON.stringify(results.filter(Boolean)));
