export * from './batching-producer';
export * from './dead-letter.publisher';
export * from './kafka-client';
export * from './kafka.errors';
export * from './topic-admin';
export * from './typed-producer';
export * from './natural-batcher';
export * from './batch-consumer';
