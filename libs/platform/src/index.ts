export * from './logger';
export * from './config';
export * from './health';
export * from './health.module';
export * from './http-errors';
export * from './http-app';
export * from './tokens';
export * from './infrastructure.module';
