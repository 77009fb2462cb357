import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { APPS, AppConfig, readAppConfig } from './app-config';
import { checkDockerfile } from './dockerfile-check';
import { checkScalers, checkTopics } from './kafka-checks';
import { describe, Finding, Manifest } from './manifest';
import { renderOverlay } from './render';
import { checkSchemas } from './schema-check';
import { checkDeployment, checkService } from './workload-checks';

export interface CheckOptions {
  /** Repository root: apps/<app>/src/config.ts, Dockerfiles and deploy/schemas are read from it. */
  root: string;
  /** The kustomize tree; deploy/k8s unless a test points at a copy. */
  k8sDir?: string;
}

export interface CheckResult {
  overlays: { name: string; objects: number }[];
  findings: Finding[];
}

/** Every app ships the same set of objects in every overlay. */
const PER_APP_KINDS = ['Deployment', 'Service', 'ServiceAccount', 'PodDisruptionBudget'];

function checkOverlay(name: string, docs: Manifest[], configs: Map<string, AppConfig>, schemasDir: string): Finding[] {
  const findings = checkSchemas(schemasDir, docs, (m) => describe(name, m));
  const report = (where: string, message: string): void => { findings.push({ where, message }); };
  for (const config of configs.values()) {
    for (const kind of PER_APP_KINDS) {
      if (!docs.some((m) => m.kind === kind && m.metadata.name === config.app)) report(`${name}: ${config.app}`, `${kind} missing`);
    }
  }
  for (const m of docs) {
    const config = configs.get(m.metadata.name);
    const where = describe(name, m);
    if (m.kind === 'Deployment' && !config) report(where, 'Deployment of no known app');
    if (m.kind === 'Deployment' && config) checkDeployment(docs, m, config, (msg) => report(where, msg));
    if (m.kind === 'Service' && config) checkService(m, config, (msg) => report(where, msg));
  }
  checkTopics(name, docs, configs, report);
  checkScalers(name, docs, configs, report);
  return findings;
}

export function runCheck(options: CheckOptions): CheckResult {
  const k8sDir = options.k8sDir ?? join(options.root, 'deploy/k8s');
  const configs = new Map(APPS.map((app) => [app, readAppConfig(options.root, app)]));
  const findings: Finding[] = [...configs.values()].flatMap((c) => checkDockerfile(options.root, c));
  const overlays: CheckResult['overlays'] = [];
  const names = readdirSync(join(k8sDir, 'overlays'), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  if (names.length === 0) findings.push({ where: k8sDir, message: 'no overlays' });
  for (const name of names) {
    let docs: Manifest[];
    try {
      docs = renderOverlay(join(k8sDir, 'overlays', name));
    } catch (error) {
      findings.push({ where: name, message: (error as Error).message });
      continue;
    }
    overlays.push({ name, objects: docs.length });
    findings.push(...checkOverlay(name, docs, configs, join(options.root, 'deploy/schemas')));
  }
  return { overlays, findings };
}
