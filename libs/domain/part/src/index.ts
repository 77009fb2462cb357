export * from './part.values';
export * from './part.events';
export * from './part.decider';
export * from './part.rejections';
export * from './custody-policy';
export * from './custody-rules';
export * from './life-limits';
