import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import type { Pool } from 'pg';
import { loadAverage } from './proc';

export interface MachineDescription {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  kernel: string;
  node: string;
  kafka: string;
  postgres: string;
  mosquitto: string;
  loadAtStart: string;
}

function firstLine(command: string, args: string[]): string | undefined {
  try {
    const out = execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 5000 });
    return out.split('\n').find((l) => l.trim() !== '')?.trim();
  } catch (error) {
    // mosquitto -h exits non-zero but prints its version on stdout
    const out = (error as { stdout?: string }).stdout;
    return out?.split('\n').find((l) => l.trim() !== '')?.trim();
  }
}

function kafkaVersion(workspace: string): string {
  try {
    const jar = readdirSync(join(workspace, 'tools/kafka/target/libs')).find((f) => /^kafka_2\.\d+-[\d.]+\.jar$/.test(f));
    const version = jar?.match(/-([\d.]+)\.jar$/)?.[1];
    return version ? `Apache Kafka ${version} (KRaft, single node, tools/kafka/kafka.sh)` : 'unknown';
  } catch {
    return 'unknown';
  }
}

export async function describeMachine(workspace: string, pool: Pool): Promise<MachineDescription> {
  const model = cpus()[0]?.model?.trim() ?? readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/)?.[1] ?? 'unknown';
  const { rows } = await pool.query<{ server_version: string }>('SHOW server_version');
  const mosquitto = firstLine('mosquitto', ['-h'])?.replace(/ is .*$/, '') ?? 'unknown';
  return {
    cpuModel: model,
    cores: cpus().length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    kernel: `Linux ${release()}`,
    node: process.version,
    kafka: kafkaVersion(workspace),
    postgres: `PostgreSQL ${rows[0]?.server_version ?? 'unknown'}`,
    mosquitto,
    loadAtStart: loadAverage(),
  };
}
