import { z } from 'zod';
import { StorableInstant } from './telemetry';
import { AssetId, TenantId } from './identifiers';

/**
 * Service contracts and the billing events of their ledger (`fleet.billing.v1`, docs/contracts.md).
 * Money is an integer count of the currency's minor unit (cents); rates and penalties are too.
 */
const Minor = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const Bps = z.number().int().min(0).max(10_000);
// Found by fuzzing: `+25:00` passed `datetime()` and `new Date(…).toISOString()` then threw (a 500).
const Instant = StorableInstant;

export const ContractId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'contractId must be 1-128 letters, digits, "_", "." or "-"');

export const ContractTermsBody = z
  .object({
    usage: z.object({ basis: z.enum(['operating-hour', 'cycle']), rateMinor: Minor }).strict(),
    availability: z.object({ guaranteedBps: Bps, penaltyPerPointMinor: Minor }).strict().nullable().default(null),
    completion: z.object({ amountMinor: Minor, advanceBps: Bps, partialMinRecoveryBps: Bps }).strict().nullable().default(null),
  })
  .strict();
export type ContractTermsBody = z.infer<typeof ContractTermsBody>;

/** `POST /v1/contracts`. */
export const CreateContractBody = z
  .object({
    contractId: ContractId,
    assetId: AssetId,
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 currency code'),
    effectiveFrom: Instant,
    terms: ContractTermsBody,
  })
  .strict();
export type CreateContractBody = z.infer<typeof CreateContractBody>;

/** `POST /v1/contracts/{id}/amendments`: new terms from a date on. */
export const AmendContractBody = z.object({ effectiveFrom: Instant, terms: ContractTermsBody }).strict();
export type AmendContractBody = z.infer<typeof AmendContractBody>;

export const BillingPeriod = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a billing period is YYYY-MM');

export const BILLING_ENTRY_KINDS = ['usage-charge', 'usage-late-charge', 'availability-penalty', 'completion-advance', 'completion-payment', 'completion-refund'] as const;

/**
 * The value of a `fleet.billing.v1` record (key: contract id; `ce_id` = `entryId`): one ledger
 * entry, signed from the operator's side (charges positive, penalties and refunds negative).
 */
export const BillingEntry = z
  .object({
    sequence: z.number().int().positive(),
    entryId: z.string().min(1),
    tenant: TenantId,
    contractId: ContractId,
    assetId: AssetId,
    currency: z.string().regex(/^[A-Z]{3}$/),
    period: BillingPeriod,
    kind: z.enum(BILLING_ENTRY_KINDS),
    amountMinor: z.number().int(),
    termsVersion: z.number().int().positive(),
    occurredAt: z.string(),
    source: z.object({ streamId: z.string(), version: z.number().int().positive() }).strict(),
    detail: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  })
  .strict();
export type BillingEntry = z.infer<typeof BillingEntry>;
