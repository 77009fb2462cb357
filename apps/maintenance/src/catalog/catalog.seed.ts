import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@fleettwin/platform';
import { FailureModeCatalogStore } from './failure-mode-catalog';

/** Seeds the turbofan failure modes before the consumers start classifying. */
@Injectable()
export class CatalogSeed implements OnApplicationBootstrap {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  onApplicationBootstrap(): Promise<void> {
    return new FailureModeCatalogStore().seed(this.pool);
  }
}
