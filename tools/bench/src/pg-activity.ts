import type { Pool } from 'pg';
import { sleep } from './frames';

/**
 * Samples pg_stat_activity of one database every `intervalMs` while a window runs: how many
 * connections of each service were, on average, executing (and on what they waited), or idle
 * inside an open transaction (waiting for the service itself). A cheap "where does the time go"
 * on the PostgreSQL side without pg_stat_statements.
 */
export interface ActivityShare {
  who: string;
  state: string;
  connections: number;
}

export class PgActivitySampler {
  private samples = 0;
  private readonly counts = new Map<string, number>();
  private running = false;
  private loop: Promise<void> | undefined;

  constructor(private readonly pool: Pool, private readonly database: string, private readonly intervalMs = 50) {}

  start(maxSeconds: number): void {
    this.running = true;
    const deadline = Date.now() + maxSeconds * 1000;
    this.loop = (async () => {
      while (this.running && Date.now() < deadline) {
        try {
          const { rows } = await this.pool.query<{ who: string; state: string }>(
            `SELECT coalesce(nullif(application_name, ''), 'unnamed') AS who,
                    CASE WHEN state = 'active' THEN 'executing' || coalesce(' — waiting on ' || wait_event_type || ':' || wait_event, ' (on CPU)')
                         ELSE state END AS state
             FROM pg_stat_activity
             WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid() AND state IS DISTINCT FROM 'idle'`,
            [this.database],
          );
          this.samples++;
          for (const r of rows) {
            const key = `${r.who}\u0000${r.state}`;
            this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          }
        } catch {
          // the database may be going away; the window just gets fewer samples
        }
        await sleep(this.intervalMs);
      }
    })();
  }

  async stop(): Promise<ActivityShare[]> {
    this.running = false;
    await this.loop;
    return [...this.counts.entries()]
      .map(([key, n]) => {
        const [who, state] = key.split('\u0000') as [string, string];
        return { who, state, connections: this.samples ? n / this.samples : 0 };
      })
      .filter((a) => a.connections >= 0.01)
      .sort((a, b) => b.connections - a.connections);
  }
}
