import type { Pool, PoolClient } from 'pg';
import type { TwinEvent } from '@fleettwin/domain-twin';
import type { ProjectionSink } from '../twins/twin.repository';

/** Keeps `command_deadlines` in step with the twins' pending commands. */
export class CommandDeadlines implements ProjectionSink {
  async onApplied(client: PoolClient, events: readonly TwinEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type === 'CommandIssued') {
        await client.query('INSERT INTO command_deadlines (asset_id, command_id, expires_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [
          event.data.assetId,
          event.data.commandId,
          event.data.expiresAt,
        ]);
      } else if (event.type === 'CommandAcknowledged' || event.type === 'CommandTimedOut') {
        await client.query('DELETE FROM command_deadlines WHERE asset_id = $1 AND command_id = $2', [event.data.assetId, event.data.commandId]);
      }
    }
  }

  async assetsWithDueCommands(pool: Pool, now: Date, limit = 500): Promise<string[]> {
    const { rows } = await pool.query<{ asset_id: string }>(
      'SELECT DISTINCT asset_id FROM command_deadlines WHERE expires_at <= $1 LIMIT $2',
      [now.toISOString(), limit],
    );
    return rows.map((r) => r.asset_id);
  }
}
