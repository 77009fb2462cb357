export * from './arbitraries';
export * from './http-client';
export * from './fuzz-runner';
export * from './refusal-checks';
export * from './http-cases';
export * from './http-edge';
