import { defaultCustodyPolicy, type CustodyPolicy } from './custody-policy';
import {
  gapInPossession,
  lifeUsedUnknown,
  repairWithoutReleaseCertificate,
  transferNotAcknowledged,
  type ChainBreak,
} from './custody-rules';
import { exhaustedLimit, newLifeWarnings } from './life-limits';
import type * as C from './part.commands';
import { foldPart, type Part, type PartEvent, type PartEventMetadata, type PartState } from './part.events';
import {
  countersNotBehind,
  firstRejection,
  installedOn,
  noPendingTransfer,
  notInstalled,
  notQuarantined,
  required,
  validCounters,
  type Guard,
} from './part.guards';
import { reject, RESOLVE_QUARANTINE, type PartRejection } from './part.rejections';
import { LIFE_MEASURES } from './part.values';

export * from './part.commands';

export type PartDecision = { ok: true; events: PartEvent[] } | { ok: false; rejection: PartRejection };

/** An event before decide stamps it with ids, time and actor from the command metadata. */
type Draft = PartEvent extends infer E ? (E extends PartEvent ? Omit<E, 'metadata'> : never) : never;

/** What a command handler settles on: the facts to record and the custody rules they break. */
type Outcome = { ok: true; drafts: Draft[]; breaks: ChainBreak[] } | { ok: false; rejection: PartRejection };

export function decide(command: C.PartCommand, state: PartState, policy: CustodyPolicy = defaultCustodyPolicy): PartDecision {
  const outcome = decideFacts(command, state, policy);
  if (!outcome.ok) return outcome;
  return { ok: true, events: withConsequences(command.metadata, state, outcome, policy) };
}

function decideFacts(command: C.PartCommand, state: PartState, policy: CustodyPolicy): Outcome {
  switch (command.type) {
    case 'ManufacturePart':
      return manufacture(command, state);
    case 'CertifyPart':
      return onPart(state, command, (p) => certify(command, p));
    case 'InstallPart':
      return onPart(state, command, (p) => install(command, p));
    case 'RecordUsage':
      return onPart(state, command, (p) => recordUsage(command, p));
    case 'RemovePart':
      return onPart(state, command, (p) => remove(command, p, policy));
    case 'InspectPart':
      return onPart(state, command, () => facts([required('findings', command.data.findings)], { type: 'PartInspected', data: command.data }));
    case 'RepairPart':
      return onPart(state, command, (p) => repair(command, p));
    case 'StorePart':
      return onPart(state, command, (p) => store(command, p));
    case 'TransferPart':
      return onPart(state, command, (p) => transfer(command, p));
    case 'AcknowledgeTransfer':
      return onPart(state, command, (p) => acknowledge(command, p, policy));
    case 'ScrapPart':
      return onPart(state, command, (p) => facts([notInstalled(p), required('reason', command.data.reason)], { type: 'PartScrapped', data: command.data }));
    case 'QuarantinePart':
      return onPart(state, command, (p) => quarantine(command, p));
    case 'ResolveQuarantine':
      return onPart(state, command, (p) => resolve(command, p));
    case 'CheckCustody':
      return onPart(state, command, (p) => checkCustody(command, p, policy));
  }
}

/** Every command but manufacture needs a live part: existing, the one addressed, not scrapped. */
function onPart(state: PartState, command: C.PartCommand, handle: (part: Part) => Outcome): Outcome {
  const { metadata } = command;
  if (!state) return { ok: false, rejection: reject('PART_NOT_FOUND', `part ${metadata.partId} has not been manufactured`) };
  if (state.partId !== metadata.partId) return { ok: false, rejection: reject('WRONG_PART', `state of ${state.partId} given for ${metadata.partId}`) };
  if (state.scrapped) return { ok: false, rejection: reject('PART_SCRAPPED', `part ${state.partId} was scrapped`) };
  return handle(state);
}

function facts(guards: readonly Guard[], draft: Draft, breaks: ChainBreak[] = []): Outcome {
  const rejection = firstRejection(guards);
  return rejection ? { ok: false, rejection } : { ok: true, drafts: [draft], breaks };
}

function manufacture(command: C.ManufacturePart, state: PartState): Outcome {
  if (state) return { ok: false, rejection: reject('PART_ALREADY_EXISTS', `part ${state.partId} already exists`) };
  const { data } = command;
  const limitsValid: Guard = () =>
    LIFE_MEASURES.every((m) => data.lifeLimits[m] === undefined || (data.lifeLimits[m] ?? 0) > 0) ? null : reject('INVALID_INPUT', 'life limits must be positive');
  const guards = [required('partNumber', data.partNumber), required('serialNumber', data.serialNumber), required('batch', data.batch), limitsValid];
  return facts(guards, { type: 'PartManufactured', data });
}

function certify(command: C.CertifyPart, part: Part): Outcome {
  const { certificate } = command.data;
  const guards = [notQuarantined(part), notInstalled(part), required('certificate number', certificate.number), required('certificate issuer', certificate.issuer)];
  return facts(guards, { type: 'PartCertified', data: command.data });
}

function install(command: C.InstallPart, part: Part): Outcome {
  const { assetId, assetCounters } = command.data;
  const released: Guard = () => (part.released ? null : reject('NOT_RELEASED', `part ${part.partId} holds no valid release certificate`));
  const lifeLeft: Guard = () => {
    const measure = exhaustedLimit(part);
    return measure ? reject('LIFE_LIMIT_REACHED', `part ${part.partId} has used its ${measure} limit`) : null;
  };
  const guards = [notQuarantined(part), notInstalled(part), noPendingTransfer(part), required('assetId', assetId), validCounters(assetCounters), released, lifeLeft];
  return facts(guards, { type: 'PartInstalled', data: command.data }, present([gapInPossession(part, assetId)]));
}

function recordUsage(command: C.RecordUsage, part: Part): Outcome {
  const { assetId, assetCounters } = command.data;
  const guards = [installedOn(part, assetId), validCounters(assetCounters), countersNotBehind(part, assetCounters)];
  return facts(guards, { type: 'UsageRecorded', data: command.data });
}

function remove(command: C.RemovePart, part: Part, policy: CustodyPolicy): Outcome {
  const { assetId, assetCounters, reason } = command.data;
  const guards = [installedOn(part, assetId), required('reason', reason)];
  if (assetCounters) guards.push(validCounters(assetCounters), countersNotBehind(part, assetCounters));
  const breaks = present([lifeUsedUnknown(part, { kind: 'removal', at: command.metadata.now, counters: assetCounters }, policy)]);
  return facts(guards, { type: 'PartRemoved', data: command.data }, breaks);
}

function store(command: C.StorePart, part: Part): Outcome {
  const guards = [notInstalled(part), noPendingTransfer(part), required('location', command.data.location)];
  return facts(guards, { type: 'PartStored', data: command.data });
}

function repair(command: C.RepairPart, part: Part): Outcome {
  const guards = [notInstalled(part), required('description', command.data.description)];
  return facts(guards, { type: 'PartRepaired', data: command.data }, present([repairWithoutReleaseCertificate(command.data.releaseCertificate)]));
}

function transfer(command: C.TransferPart, part: Part): Outcome {
  const { to, transferId } = command.data;
  const byOwner: Guard = () =>
    command.metadata.organisation.id === part.owner.id ? null : reject('NOT_OWNER', `${command.metadata.organisation.id} does not own part ${part.partId}; ${part.owner.id} does`);
  const toOther: Guard = () => (to.id === part.owner.id ? reject('INVALID_INPUT', 'a part cannot be transferred to its owner') : null);
  const guards = [notQuarantined(part), notInstalled(part), noPendingTransfer(part), required('transferId', transferId), byOwner, toOther];
  return facts(guards, { type: 'PartTransferred', data: { transferId, from: part.owner, to } });
}

function acknowledge(command: C.AcknowledgeTransfer, part: Part, policy: CustodyPolicy): Outcome {
  const pending = part.pendingTransfer;
  const matching: Guard = () =>
    pending && pending.transferId === command.data.transferId ? null : reject('NO_PENDING_TRANSFER', `no pending transfer ${command.data.transferId} for part ${part.partId}`);
  const byReceiver: Guard = () =>
    pending && pending.to.id !== command.metadata.organisation.id ? reject('NOT_RECEIVER', `only ${pending.to.id} can acknowledge transfer ${pending.transferId}`) : null;
  const late = transferNotAcknowledged(part, command.metadata.now, policy);
  return facts([matching, byReceiver], { type: 'TransferAcknowledged', data: command.data }, unlessAlreadyQuarantined(part, present([late])));
}

function quarantine(command: C.QuarantinePart, part: Part): Outcome {
  const notYet: Guard = () => (part.quarantine ? reject('ALREADY_QUARANTINED', `part ${part.partId} is already quarantined`) : null);
  return facts([notYet, required('reason', command.data.reason)], { type: 'PartQuarantined', data: { reasons: [command.data.reason] } });
}

function resolve(command: C.ResolveQuarantine, part: Part): Outcome {
  const quarantined: Guard = () => (part.quarantine ? null : reject('NOT_QUARANTINED', `part ${part.partId} is not quarantined`));
  const authorised: Guard = () =>
    command.metadata.user.authorisations.includes(RESOLVE_QUARANTINE)
      ? null
      : reject('NOT_AUTHORISED', `user ${command.metadata.user.id} lacks ${RESOLVE_QUARANTINE}`);
  return facts([quarantined, authorised, required('reason', command.data.reason)], { type: 'QuarantineResolved', data: command.data });
}

/** Time-based rules only; a check that finds nothing records nothing. */
function checkCustody(command: C.CheckCustody, part: Part, policy: CustodyPolicy): Outcome {
  const at = command.metadata.now;
  const breaks = unlessAlreadyQuarantined(part, present([transferNotAcknowledged(part, at, policy), lifeUsedUnknown(part, { kind: 'check', at }, policy)]));
  return { ok: true, drafts: [], breaks };
}

/** A sweep repeating a break the part is already quarantined for adds nothing. */
function unlessAlreadyQuarantined(part: Part, breaks: ChainBreak[]): ChainBreak[] {
  return breaks.filter((b) => !part.quarantine?.rules.includes(b.rule));
}

function present(breaks: readonly (ChainBreak | null)[]): ChainBreak[] {
  return breaks.filter((b): b is ChainBreak => b !== null);
}

/** The recorded facts, then any chain breaks and the quarantine they cause, then life warnings. */
function withConsequences(metadata: C.CommandMetadata, state: PartState, outcome: { drafts: Draft[]; breaks: ChainBreak[] }, policy: CustodyPolicy): PartEvent[] {
  const drafts: Draft[] = [...outcome.drafts, ...outcome.breaks.map((b): Draft => ({ type: 'CustodyChainBroken', data: b }))];
  const after = foldPart(stamp(metadata, drafts), state);
  if (outcome.breaks.length > 0 && after && !after.quarantine) {
    drafts.push({ type: 'PartQuarantined', data: { reasons: outcome.breaks.map((b) => b.rule) } });
  }
  if (after) drafts.push(...newLifeWarnings(after, policy).map((w): Draft => ({ type: 'LifeLimitApproaching', data: w })));
  return stamp(metadata, drafts);
}

function stamp(metadata: C.CommandMetadata, drafts: readonly Draft[]): PartEvent[] {
  return drafts.map((draft, i) => ({ ...draft, metadata: eventMetadata(metadata, i) }) as PartEvent);
}

function eventMetadata(metadata: C.CommandMetadata, index: number): PartEventMetadata {
  return { eventId: `${metadata.commandId}/${index}`, partId: metadata.partId, occurredAt: metadata.now, organisation: metadata.organisation, userId: metadata.user.id };
}
