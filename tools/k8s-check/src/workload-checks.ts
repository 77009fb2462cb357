import { AppConfig } from './app-config';
import { at, Finding, list, Manifest } from './manifest';

type Report = (message: string) => void;

function findNamed(docs: Manifest[], kind: string, name: string): Manifest | undefined {
  return docs.find((m) => m.kind === kind && m.metadata.name === name);
}

function checkProbes(container: unknown, port: number, report: Report): void {
  for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const spec = at(container, probe);
    if (spec === undefined) {
      if (probe !== 'startupProbe') report(`${probe} missing`);
      continue;
    }
    const path = at(spec, 'httpGet', 'path');
    if (path !== '/health') report(`${probe} path is ${String(path)}, expected /health`);
    const probePort = at(spec, 'httpGet', 'port');
    if (probePort !== 'http' && probePort !== port) report(`${probe} port ${String(probePort)} is not the app port ${port}`);
  }
}

function checkHardening(pod: unknown, container: unknown, report: Report): void {
  if (at(pod, 'securityContext', 'runAsNonRoot') !== true && at(container, 'securityContext', 'runAsNonRoot') !== true) report('runAsNonRoot is not true');
  if (at(container, 'securityContext', 'readOnlyRootFilesystem') !== true) report('readOnlyRootFilesystem is not true');
  if (at(container, 'securityContext', 'allowPrivilegeEscalation') !== false) report('allowPrivilegeEscalation is not false');
  if (!list(at(container, 'securityContext', 'capabilities', 'drop')).includes('ALL')) report('capabilities do not drop ALL');
  for (const kind of ['requests', 'limits']) if (at(container, 'resources', kind) === undefined) report(`resources.${kind} missing`);
  const grace = at(pod, 'terminationGracePeriodSeconds');
  if (typeof grace !== 'number' || grace < 30) report(`terminationGracePeriodSeconds ${String(grace)} is too short to drain (< 30)`);
}

/** Names (and, where a ConfigMap holds them, values) of the environment a container gets. */
function containerEnv(docs: Manifest[], container: unknown, report: Report): Map<string, string | undefined> {
  const env = new Map<string, string | undefined>();
  for (const source of list(at(container, 'envFrom'))) {
    const ref = (at(source, 'configMapRef', 'name') ?? at(source, 'secretRef', 'name')) as string | undefined;
    const kind = at(source, 'configMapRef') ? 'ConfigMap' : 'Secret';
    const target = ref === undefined ? undefined : findNamed(docs, kind, ref);
    if (!target) {
      report(`envFrom ${kind} ${String(ref)} is not in the rendered overlay`);
      continue;
    }
    for (const [key, value] of Object.entries((at(target, 'data') ?? {}) as Record<string, string>)) env.set(key, kind === 'ConfigMap' ? value : undefined);
  }
  for (const entry of list(at(container, 'env'))) {
    const name = at(entry, 'name') as string;
    env.set(name, at(entry, 'value') as string | undefined);
    const secret = at(entry, 'valueFrom', 'secretKeyRef');
    const secretDoc = secret ? findNamed(docs, 'Secret', at(secret, 'name') as string) : undefined;
    if (secretDoc && at(secretDoc, 'data', at(secret, 'key') as string) === undefined) report(`${name}: Secret ${secretDoc.metadata.name} has no key ${String(at(secret, 'key'))}`);
  }
  return env;
}

function checkEnv(env: Map<string, string | undefined>, config: AppConfig, port: number, report: Report): void {
  for (const name of env.keys()) if (!config.keys.has(name)) report(`env ${name} is not read by apps/${config.app}/src/config.ts`);
  for (const key of config.keys) {
    if (env.has(key) || config.optional.has(key)) continue;
    report(config.required.has(key) ? `required env ${key} is not set` : `env ${key} (read by config.ts) is not set`);
  }
  const portValue = env.get('PORT');
  if (portValue !== undefined && Number(portValue) !== port) report(`PORT=${portValue} differs from containerPort ${port}`);
}

export function checkDeployment(docs: Manifest[], deployment: Manifest, config: AppConfig, report: Report): void {
  const pod = at(deployment, 'spec', 'template', 'spec');
  const container = list(at(pod, 'containers'))[0];
  if (!container) return report('no containers');
  if (at(container, 'name') !== config.app) report(`container is named ${String(at(container, 'name'))}, expected ${config.app}`);
  const image = String(at(container, 'image'));
  const imageName = image.split('/').pop()?.split(/[:@]/)[0];
  if (imageName !== config.app) report(`image ${image} is not the ${config.app} image`);
  for (const port of list(at(container, 'ports'))) {
    const expected = expectedPort(config, at(port, 'name'));
    if (at(port, 'containerPort') !== expected) report(`containerPort ${String(at(port, 'name'))} ${String(at(port, 'containerPort'))} differs from config.ts default ${String(expected)}`);
  }
  if (!list(at(container, 'ports')).some((p) => at(p, 'name') === 'http')) report('no containerPort named http');
  checkProbes(container, config.port, report);
  checkHardening(pod, container, report);
  checkEnv(containerEnv(docs, container, report), config, config.port, report);
}

/** `http` is PORT; `grpc` is GRPC_PORT for the apps that serve gRPC. */
function expectedPort(config: AppConfig, name: unknown): number | undefined {
  if (name === 'http') return config.port;
  if (name === 'grpc' && config.keys.has('GRPC_PORT')) return Number(config.defaults.get('GRPC_PORT'));
  return undefined;
}

export function checkService(service: Manifest, config: AppConfig, report: Report): void {
  for (const port of list(at(service, 'spec', 'ports'))) {
    const expected = expectedPort(config, at(port, 'name'));
    if (at(port, 'port') !== expected) report(`Service port ${String(at(port, 'name'))} ${String(at(port, 'port'))} differs from config.ts default ${String(expected)}`);
    const target = at(port, 'targetPort');
    if (target !== at(port, 'name') && target !== expected) report(`Service targetPort ${String(target)} is not the app port`);
  }
}

export function envValue(docs: Manifest[], deployment: Manifest | undefined, key: string, config: AppConfig): string | undefined {
  if (!deployment) return config.defaults.get(key);
  const container = list(at(deployment, 'spec', 'template', 'spec', 'containers'))[0];
  const env = containerEnv(docs, container, () => undefined);
  return env.get(key) ?? config.defaults.get(key);
}

export type { Finding };
