import { Injectable } from '@nestjs/common';
import { notFound, ServiceClient } from './service-client';

export interface Owned {
  tenant: string;
}

/** Resolves a twin or asset and proves it belongs to the caller's tenant; another tenant's is simply not found. */
@Injectable()
export class Ownership {
  constructor(private readonly services: ServiceClient) {}

  twin<T extends Owned>(id: string, tenant: string, requestId?: string): Promise<T> {
    return this.owned<T>(`/v1/twins/${encodeURIComponent(id)}`, tenant, requestId);
  }

  asset<T extends Owned>(id: string, tenant: string, requestId?: string): Promise<T> {
    return this.owned<T>(`/v1/assets/${encodeURIComponent(id)}`, tenant, requestId);
  }

  private async owned<T extends Owned>(path: string, tenant: string, requestId?: string): Promise<T> {
    const record = await this.services.call<T>('twin-state', path, { requestId });
    if (record.tenant !== tenant) throw notFound();
    return record;
  }
}

/** Passes only the query parameters a route documents, dropping anything (like `tenant`) a caller adds. */
export function pick(query: Record<string, unknown>, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, typeof query[name] === 'string' ? query[name] : undefined]));
}
