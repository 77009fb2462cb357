export * from './topics';
export * from './identifiers';
export * from './telemetry';
export * from './cloud-events';
export * from './errors';
export * from './twin';
export * from './asset'; export * from './dtdl';
export * from './maintenance';
export * from './gateway';
