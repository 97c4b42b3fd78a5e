export * from './kafka-client';
export * from './topic-admin';
export * from './typed-producer';
