export type { NewEvent, StoredEvent, ExpectedVersion, StreamAppend } from './event';
export { WrongExpectedVersionError, expectedVersionHolds } from './errors';
export {
  GENESIS_HASH,
  eventHash,
  chainEvents,
  verifyChain,
  type HashedFields,
  type ChainVerdict,
  type ChainBreak,
  type ChainedEvent,
  type StreamHead,
} from './hash-chain';
export { normaliseOccurredAt } from './occurred-at';
export { EVENT_STORE_MIGRATIONS } from './migrations';
export {
  PostgresEventStore,
  DEFAULT_PAGE_SIZE,
  type Queryable,
  type ReadStreamOptions,
  type ReadAllOptions,
  type StreamPage,
} from './event-store';
export {
  snapshotPolicy,
  foldEvents,
  emptyAggregate,
  aggregateFromSnapshot,
  latestSnapshotAt,
  type Snapshot,
  type Aggregate,
  type Evolve,
} from './snapshots';
export { loadAggregate } from './aggregate';
export { OutboxRelay, type OutboxRelayOptions, type PublishEvents } from './outbox-relay';
export { kafkaPublisher, toOutgoingRecord, eventId, type KafkaPublisherOptions } from './kafka-publisher';
