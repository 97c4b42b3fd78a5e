export const AGGREGATOR_CONFIG = Symbol('AGGREGATOR_CONFIG');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
