export * from './device-keys';
export * from './device-token';
export * from './mqtt-login';
