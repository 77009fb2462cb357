export * from './asset.kinds';
export * from './asset.events';
export * from './asset.decider';
export * from './asset.view';
export * from './hierarchy';
export * from './health';
export * from './health-roll-up';
export * from './usage';
