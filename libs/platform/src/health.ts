export type HealthCheck = () => Promise<void>;

export interface HealthReport {
  status: 'ok' | 'down';
  service: string;
  checks: Record<string, { status: 'up' | 'down'; error?: string }>;
}

/** Runs every dependency check with a deadline; one failing check makes the service report down. */
export async function checkHealth(service: string, checks: Record<string, HealthCheck>, timeoutMs = 3000): Promise<HealthReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      try {
        await withTimeout(check(), timeoutMs);
        return [name, { status: 'up' as const }] as const;
      } catch (error) {
        return [name, { status: 'down' as const, error: error instanceof Error ? error.message : String(error) }] as const;
      }
    }),
  );
  const report = Object.fromEntries(entries);
  const status = entries.every(([, c]) => c.status === 'up') ? 'ok' : 'down';
  return { status, service, checks: report };
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Kafka answers when the cluster's metadata can be read. */
export function kafkaCheck(kafka: { admin(): { connect(): Promise<void>; describeCluster(): Promise<unknown>; disconnect(): Promise<void> } }): HealthCheck {
  const admin = kafka.admin();
  let connected: Promise<void> | undefined;
  return async () => {
    connected ??= admin.connect().catch((error: unknown) => { connected = undefined; throw error; });
    await connected;
    await admin.describeCluster();
  };
}

export function postgresCheck(pool: { query(sql: string): Promise<unknown> }): HealthCheck {
  return async () => { await pool.query('SELECT 1'); };
}
