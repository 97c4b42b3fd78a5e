export * from './backoff';
export * from './batch-consumer.server';
export * from './batch-consumer.types';
export * from './batch-pattern.decorator';
export * from './parse-batch';
export * from './consumer-lag';
export * from './lag-reporter';
