/**
 * Test-only poison: with FLEETTWIN_FAULT_INJECTION=1 in a service's environment, a consumer's handler
 * throws for any batch holding a record with the header `x-fleettwin-fault: handler-throw`, exactly as
 * a handler bug on that one record would. The fault suite (tools/faults, docs/reliability.md) uses it
 * to prove that such a record is dead-lettered after bounded retries and the partition keeps moving.
 * Without the variable (every real deployment) the header is ignored.
 */
export const FAULT_HEADER = 'x-fleettwin-fault';
export const FAULT_HANDLER_THROW = 'handler-throw';

export class InjectedHandlerFault extends Error {
  constructor(offset: string) {
    super(`injected handler fault on the record at offset ${offset} (${FAULT_HEADER}: ${FAULT_HANDLER_THROW})`);
    this.name = 'InjectedHandlerFault';
  }
}

interface Marked {
  offset: string;
  headers?: Record<string, unknown>;
}

export function faultInjectionEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.FLEETTWIN_FAULT_INJECTION === '1';
}

/** Throws when a record of the batch carries the poison header. */
export function throwOnMarkedRecord(messages: readonly Marked[]): void {
  const marked = messages.find((m) => String(m.headers?.[FAULT_HEADER] ?? '') === FAULT_HANDLER_THROW);
  if (marked) throw new InjectedHandlerFault(marked.offset);
}
