export * from './kafka-client';
export * from './topics';
export * from './event-producer';
export * from './dead-letter';
export * from './partition-consumer';
export * from './poison-isolation';
export * from './fault-injection';
export * from './message-tracing';
