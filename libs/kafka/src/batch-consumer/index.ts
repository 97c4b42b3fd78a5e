export * from './backoff';
export * from './batch-consumer.server';
export * from './batch-consumer.types';
export * from './batch-pattern.decorator';
export * from './parse-batch';
