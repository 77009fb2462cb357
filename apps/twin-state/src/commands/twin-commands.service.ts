import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { CommandAck, CommandRequest } from '@fleettwin/contracts';
import type { CommandIssued } from '@fleettwin/domain-twin';
import { ApiError, CONFIG, LOGGER, PG_POOL } from '@fleettwin/platform';
import type { TwinStateConfig } from '../config';
import { CommandChannel } from './command-channel.mqtt';
import { CommandDeadlines } from './command-deadlines';
import { TwinChanges } from './twin-changes';

const REJECTION_STATUS: Record<string, number> = { TWIN_NOT_FOUND: 404, COMMAND_EXISTS: 409, COMMAND_NOT_FOUND: 404, COMMAND_SETTLED: 409 };

/** Issues commands to assets, applies their acknowledgements, and times out the silent ones. */
@Injectable()
export class TwinCommandsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private sweeper: NodeJS.Timeout | undefined;

  constructor(
    private readonly changes: TwinChanges,
    private readonly channel: CommandChannel,
    private readonly deadlines: CommandDeadlines,
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(CONFIG) private readonly config: TwinStateConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.channel.handleAcknowledgements((tenant, assetId, ack) => this.acknowledge(tenant, assetId, ack));
    this.sweeper = setInterval(() => void this.expireDue().catch((error: unknown) => this.logger.error({ err: error }, 'command time-out sweep failed')), this.config.COMMAND_SWEEP_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.sweeper);
  }

  async issue(assetId: string, tenant: string, request: CommandRequest, issuedBy: string, now = new Date()): Promise<CommandIssued['data']> {
    const commandId = request.commandId ?? randomUUID();
    const expiresAt = new Date(now.getTime() + request.timeoutSeconds * 1000).toISOString();
    const result = await this.changes.execute(assetId, {
      type: 'IssueCommand',
      data: { assetId, tenant, commandId, kind: request.kind, name: request.name, parameters: request.parameters, issuedAt: now.toISOString(), expiresAt, issuedBy },
    });
    if (!result.ok) throw new ApiError(REJECTION_STATUS[result.rejection.code] ?? 409, result.rejection.code, result.rejection.message);
    const issued = result.events.find((e): e is { type: 'CommandIssued'; data: CommandIssued['data'] } => e.type === 'CommandIssued');
    if (!issued) throw new Error('IssueCommand produced no CommandIssued event');
    // Sent after commit: if the broker is unreachable the command stays pending and times out visibly.
    await this.channel.send(tenant, issued.data).catch((error: unknown) => this.logger.error({ err: error, assetId, commandId }, 'command could not be published'));
    return issued.data;
  }

  async acknowledge(tenant: string, assetId: string, ack: CommandAck, now = new Date()): Promise<{ ok: true } | { ok: false; reason: string }> {
    const result = await this.changes.execute(assetId, { type: 'AcknowledgeCommand', data: { assetId, tenant, ...ack, at: now.toISOString() } });
    return result.ok ? { ok: true } : { ok: false, reason: `${result.rejection.code}: ${result.rejection.message}` };
  }

  async expireDue(now = new Date()): Promise<number> {
    let expired = 0;
    for (const assetId of await this.deadlines.assetsWithDueCommands(this.pool, now)) {
      const result = await this.changes.execute(assetId, { type: 'ExpireCommands', data: { assetId, now: now.toISOString() } });
      if (result.ok) expired += result.events.length;
    }
    if (expired) this.logger.info({ expired }, 'commands timed out');
    return expired;
  }
}
