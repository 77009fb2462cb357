export * from './twin.events';
export * from './twin.decider';
export * from './twin.evolve';
export * from './twin.view';
export * from './data-quality';
export * from './sensor-ranges';
