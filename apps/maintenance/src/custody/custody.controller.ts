import { Controller, Get, Query } from '@nestjs/common';
import { ApiError } from '@fleettwin/platform';
import { checkpointAt, type StoredCheckpoint } from './custody-checkpoints';
import { CustodyLedger, CustodyRangeError } from './custody-ledger.service';

/** `/v1/custody`: the log's signed checkpoints, consistency proofs between them, and its verifier key. */
@Controller('v1/custody')
export class CustodyController {
  constructor(private readonly ledger: CustodyLedger) {}

  @Get('checkpoints/latest')
  async latest(): Promise<StoredCheckpoint> {
    const checkpoint = await this.ledger.latestCheckpoint();
    if (!checkpoint) throw new ApiError(404, 'NO_CHECKPOINT', 'no checkpoint has been signed yet');
    return checkpoint;
  }

  @Get('consistency')
  async consistency(@Query('from') from: string, @Query('to') to: string) {
    const oldSize = toSize(from, 'from');
    const newSize = toSize(to, 'to');
    try {
      const proof = await this.ledger.consistency(oldSize, newSize);
      const [older, newer] = await Promise.all([checkpointAt(this.ledger.pool, oldSize), checkpointAt(this.ledger.pool, newSize)]);
      return { from: oldSize, to: newSize, proof, checkpoints: { from: older?.signed ?? null, to: newer?.signed ?? null } };
    } catch (error) {
      if (error instanceof CustodyRangeError) throw new ApiError(400, 'INVALID_RANGE', error.message);
      throw error;
    }
  }

  @Get('key')
  key(): { origin: string; verifierKey: string } {
    return { origin: this.ledger.keys.signer.name, verifierKey: this.ledger.keys.verifierKey };
  }
}

function toSize(value: string | undefined, name: string): number {
  if (!value || !/^\d{1,15}$/.test(value)) throw new ApiError(400, 'INVALID_REQUEST', `${name} must be a tree size`);
  return Number(value);
}
