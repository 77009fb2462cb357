import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { CONFIG, LOGGER } from '@fleettwin/platform';
import type { MaintenanceConfig } from '../config';
import { CustodyLedger } from './custody-ledger.service';

/** Signs a checkpoint every CUSTODY_CHECKPOINT_EVERY_MS when the log grew; replicas serialise on the custody lock. */
@Injectable()
export class CustodyCheckpointer implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();

  constructor(
    private readonly ledger: CustodyLedger,
    @Inject(CONFIG) private readonly config: MaintenanceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.logger.info({ origin: this.ledger.keys.signer.name, verifierKey: this.ledger.keys.verifierKey }, 'custody log verifier key');
    this.timer = setInterval(() => {
      this.round = this.round.then(() => this.checkpoint());
    }, this.config.CUSTODY_CHECKPOINT_EVERY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.round;
  }

  private async checkpoint(): Promise<void> {
    try {
      const checkpoint = await this.ledger.checkpointIfGrown();
      if (checkpoint) this.logger.debug({ treeSize: checkpoint.treeSize }, 'custody checkpoint');
    } catch (error) {
      this.logger.error({ err: error }, 'signing a custody checkpoint failed; trying again next round');
    }
  }
}
