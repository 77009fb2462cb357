import type { PoolClient } from 'pg';

/** Creates the month partitions a batch needs, once per month per process. */
export class MonthlyPartitions {
  private readonly known = new Set<string>();

  constructor(private readonly table: string) {}

  async ensure(client: PoolClient, timestamps: Iterable<string>): Promise<void> {
    for (const month of new Set([...timestamps].map(monthOf))) {
      if (this.known.has(month)) continue;
      const [year, mon] = month.split('-').map(Number) as [number, number];
      const from = new Date(Date.UTC(year, mon - 1, 1)).toISOString();
      const to = new Date(Date.UTC(year, mon, 1)).toISOString();
      const name = `${this.table}_${month.replace('-', '_')}`;
      await client.query(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${this.table} FOR VALUES FROM ('${from}') TO ('${to}')`).catch((error: { code?: string }) => {
        // Another replica created it between our check and our create.
        if (error.code !== '42P07' && error.code !== '23505') throw error;
      });
      this.known.add(month);
    }
  }
}

function monthOf(ts: string): string {
  const d = new Date(ts);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
