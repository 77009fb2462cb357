import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What an app's zod config schema reads from the environment. */
export interface AppConfig {
  app: string;
  port: number;
  keys: Set<string>;
  /** Keys without a default: the app refuses to start without them. */
  required: Set<string>;
  /** Keys that may stay unset (e.g. TLS files outside prod). */
  optional: Set<string>;
  defaults: Map<string, string>;
}

export const APPS = ['gateway', 'ingest', 'twin-state', 'predictor', 'maintenance'] as const;

/**
 * In a pod these must be set even though config.ts has defaults: the defaults point at 127.0.0.1,
 * which inside a pod is the pod itself.
 */
const REQUIRED_IN_CLUSTER = ['KAFKA_BROKERS', 'DATABASE_URL'];
const MQTT_KEYS = ['MQTT_URL'];

// One key per line, as the config files are written: `  NAME: z.…(…).default(value),`.
const KEY_LINE = /^\s*([A-Z][A-Z0-9_]*):\s*z\.(.*)$/;

function parseKeys(source: string, into: AppConfig): void {
  for (const line of source.split('\n')) {
    const match = KEY_LINE.exec(line);
    if (!match) continue;
    const [, key, rest] = match as unknown as [string, string, string];
    into.keys.add(key);
    // Only literal defaults are recorded (PORT, *_GROUP, *_PARTITIONS); computed ones still count as defaults.
    const literal = /\.default\(\s*'?([^'()]*)'?\s*\)/.exec(rest);
    if (literal) into.defaults.set(key, literal[1] ?? '');
    if (rest.includes('.optional()')) into.optional.add(key);
    else if (!rest.includes('.default(')) into.required.add(key);
  }
}

/**
 * Reads the keys from the source text rather than importing the schemas: the check must not load
 * the apps (and their NestJS graph) to validate YAML, and the files follow one layout.
 */
export function readAppConfig(root: string, app: string): AppConfig {
  const config: AppConfig = { app, port: 0, keys: new Set(), required: new Set(), optional: new Set(), defaults: new Map() };
  parseKeys(readFileSync(join(root, 'libs/platform/src/config.ts'), 'utf8'), config);
  const own = readFileSync(join(root, 'apps', app, 'src/config.ts'), 'utf8');
  if (!/BaseConfig\.extend\(/.test(own)) throw new Error(`apps/${app}/src/config.ts does not extend BaseConfig`);
  parseKeys(own, config);
  config.port = Number(config.defaults.get('PORT'));
  if (!Number.isInteger(config.port)) throw new Error(`apps/${app}/src/config.ts has no numeric PORT default`);
  for (const key of [...REQUIRED_IN_CLUSTER, ...MQTT_KEYS]) if (config.keys.has(key)) config.required.add(key);
  return config;
}
