export * from './infrastructure';
export * from './services';
export * from './wait';
export * from './isolation';
export * from './topic-reader';
export * from './http';
export * from './fault-report';
export * from './fuzz';
