import { Counter } from 'prom-client';
import { registry } from '@fleettwin/metrics';

/** Ledger entries the contract ledger recorded, by kind (a rebuild records none: it only reproduces). */
export const ledgerEntries = new Counter({ name: 'fleettwin_billing_ledger_entries_total', help: 'Contract-ledger entries recorded, by kind', labelNames: ['kind'] as const, registers: [registry] });
