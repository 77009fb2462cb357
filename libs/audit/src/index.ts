export * from './audit-entry';
export * from './audit-chain';
export * from './audit-migrations';
export * from './audit-trail';
export * from './audit.interceptor';
export * from './audit.controller';
export * from './audit.module';
export * from './audit-grpc';
