export * from './isolation';
export * from './resolve-stack';
export * from './stack-settings';
export * from './wait-for';
export * from './topic-collector';
export * from './adapter-harness';
export * from './broker-control';
export * from './fuzz';
