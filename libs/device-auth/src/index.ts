export * from './device-keys';
export * from './device-token';
