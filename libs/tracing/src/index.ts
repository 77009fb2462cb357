export * from './tracing-config';
export * from './tracing-sdk';
export * from './trace-carrier';
export * from './messaging-spans';
export * from './diag-log';
